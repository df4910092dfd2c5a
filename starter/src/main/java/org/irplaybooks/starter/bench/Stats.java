package org.irplaybooks.starter.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a sample (nearest-rank), in milliseconds. */
public record Stats(int n, double min, double p50, double p95, double p99, double max) {

  public static Stats of(List<Double> values) {
    if (values.isEmpty()) return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return new Stats(sorted.size(), sorted.get(0), rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
        sorted.get(sorted.size() - 1));
  }

  /** Nearest-rank percentile: the smallest value with at least {@code p}% of the sample at or below it. */
  static double rank(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
