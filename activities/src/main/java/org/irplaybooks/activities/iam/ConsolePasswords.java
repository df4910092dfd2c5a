package org.irplaybooks.activities.iam;

import java.security.SecureRandom;

/**
 * Random console passwords that satisfy a default IAM password policy and any usual stricter one:
 * 24 characters with upper case, lower case, digits and IAM's allowed symbols.
 */
final class ConsolePasswords {
  static final int LENGTH = 24;
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String DIGITS = "23456789";
  /** The symbols an IAM password policy counts (RequireSymbols). */
  private static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
  private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

  private final SecureRandom random;

  ConsolePasswords(SecureRandom random) {
    this.random = random;
  }

  String generate() {
    char[] password = new char[LENGTH];
    password[0] = pick(UPPER);
    password[1] = pick(LOWER);
    password[2] = pick(DIGITS);
    password[3] = pick(SYMBOLS);
    for (int i = 4; i < LENGTH; i++) password[i] = pick(ALL);
    for (int i = LENGTH - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char swap = password[i];
      password[i] = password[j];
      password[j] = swap;
    }
    return new String(password);
  }

  private char pick(String alphabet) {
    return alphabet.charAt(random.nextInt(alphabet.length()));
  }
}
