package org.irplaybooks.starter.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for the terminal: left-aligned columns, long cells cut with an ellipsis. */
final class Table {
  private static final int MAX_CELL = 60;
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = List.of(headers);
  }

  Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object c : cells) {
      String text = c == null ? "-" : String.valueOf(c).replaceAll("\\s+", " ");
      if (text.isEmpty() || text.equals("null")) text = "-";
      row.add(text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text);
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintStream out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) widths[i] = headers.get(i).length();
    for (List<String> r : rows) {
      for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], r.get(i).length());
    }
    line(out, headers, widths);
    for (List<String> r : rows) line(out, r, widths);
  }

  private static void line(PrintStream out, List<String> cells, int[] widths) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      String cell = cells.get(i);
      text.append(cell);
      if (i < widths.length - 1) text.append(" ".repeat(widths[i] - cell.length() + 2));
    }
    out.println(text.toString().stripTrailing());
  }
}
