package org.irplaybooks.starter.listener.parsing;

/** Small helpers the normalizers share. */
final class Normalizers {
  private Normalizers() {}

  @SafeVarargs
  static <T> T firstNonNull(T... values) {
    for (T v : values) if (v != null) return v;
    return null;
  }

  /** A value that may come from the detail or, failing that, the envelope; required in one of them. */
  static String required(String value, String path, String what) {
    if (value == null) throw new InvalidFieldException(path, "is required (" + what + ")");
    return value;
  }

  /** The last part of an ARN's resource: after the last '/', or the last ':' when there is no '/'. */
  static String lastArnPart(String arn) {
    if (arn == null) return null;
    int slash = arn.lastIndexOf('/');
    return arn.substring((slash >= 0 ? slash : arn.lastIndexOf(':')) + 1);
  }
}
