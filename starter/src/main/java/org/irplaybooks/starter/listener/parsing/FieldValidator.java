package org.irplaybooks.starter.listener.parsing;

import java.util.regex.Pattern;

/**
 * Every rule a field of an incoming event must meet. Values end up in workflow histories, search
 * attributes, IAM policy documents and reports, so they are checked against what AWS itself allows
 * and nothing wider. Each method returns the value (or null for null) and throws
 * {@link InvalidFieldException} naming the path when the rule fails. Nothing here resolves names:
 * IP addresses are checked as literals only.
 */
public final class FieldValidator {
  public static final int MAX_ARN_LENGTH = 2048;
  public static final int MAX_FINDING_ID_LENGTH = 512;
  public static final int MAX_FINDING_TYPE_LENGTH = 256;
  public static final int MAX_TITLE_LENGTH = 512;

  private static final Pattern ACCOUNT_ID = Pattern.compile("^\\d{12}$");
  private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d{1,2}$");
  /** arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; account may be empty (S3) or "aws" (managed policies). */
  private static final Pattern ARN = Pattern.compile(
      "^arn:aws(-[a-z]+){0,3}:[a-z0-9-]{1,64}:[a-z0-9-]{0,32}:(\\d{12}|aws)?:[\\x21-\\x7E&&[^\"\\\\<>`]]+$");
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("^(AKIA|ASIA)[A-Z0-9]{16}$");
  /** IAM user, role and session names; {@code \w} is ASCII-only here, which refuses look-alike letters. */
  private static final Pattern IAM_NAME = Pattern.compile("^[\\w+=,.@-]{1,64}$");
  private static final Pattern PRINCIPAL_ID = Pattern.compile("^[\\w+=,.@:-]{1,256}$");
  private static final Pattern PRINCIPAL_TYPE = Pattern.compile("^[A-Za-z]{1,32}$");
  private static final Pattern FINDING_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:/+=@-]{0,511}$");
  /** GuardDuty types contain {@code & !}, ASFF types spaces; quotes, backslashes and angle brackets never. */
  private static final Pattern FINDING_TYPE = Pattern.compile("^[A-Za-z0-9][\\x20-\\x7E&&[^\"\\\\<>`]]{0,255}$");
  private static final Pattern GUARDDUTY_TYPE = Pattern.compile("^[A-Za-z0-9]+:[A-Za-z0-9]+/[A-Za-z0-9.!&_-]+$");
  private static final Pattern EVENT_NAME = Pattern.compile("^[A-Za-z0-9]{1,128}$");
  private static final Pattern SERVICE_HOST = Pattern.compile("^[a-z0-9-]+(\\.[a-z0-9-]+)*\\.amazonaws\\.com(\\.cn)?$");
  private static final Pattern INSTANCE_ID = Pattern.compile("^i-[0-9a-f]{8,17}$");
  private static final Pattern BUCKET_NAME = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
  private static final Pattern WORD = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
  private static final Pattern APPROVER = Pattern.compile("^[\\w .@+=,:'-]{1,128}$");
  private static final Pattern IPV4 = Pattern.compile(
      "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern HEX_GROUP = Pattern.compile("^[0-9a-fA-F]{1,4}$");

  private FieldValidator() {}

  public static String accountId(String path, String value) {
    return check(path, value, ACCOUNT_ID, "not a 12-digit AWS account id");
  }

  public static String region(String path, String value) {
    return check(path, value, REGION, "not a valid AWS region name");
  }

  public static String arn(String path, String value) {
    if (value == null) return null;
    if (value.length() > MAX_ARN_LENGTH) throw new InvalidFieldException(path, "ARN longer than " + MAX_ARN_LENGTH + " characters");
    return check(path, value, ARN, "not a valid ARN");
  }

  public static String accessKeyId(String path, String value) {
    return check(path, value, ACCESS_KEY_ID, "not a valid access key id (AKIA or ASIA and 16 characters)");
  }

  public static String iamName(String path, String value) {
    return check(path, value, IAM_NAME, "not a valid IAM user name");
  }

  public static String principalId(String path, String value) {
    return check(path, value, PRINCIPAL_ID, "not a valid principal id");
  }

  public static String principalType(String path, String value) {
    return check(path, value, PRINCIPAL_TYPE, "not a valid principal type");
  }

  public static String findingId(String path, String value) {
    if (value != null && value.length() > MAX_FINDING_ID_LENGTH) {
      throw new InvalidFieldException(path, "finding id longer than " + MAX_FINDING_ID_LENGTH + " characters");
    }
    return check(path, value, FINDING_ID, "not a valid finding id (letters, digits and ._:/+=@- only)");
  }

  public static String findingType(String path, String value) {
    if (value != null && value.length() > MAX_FINDING_TYPE_LENGTH) {
      throw new InvalidFieldException(path, "finding type longer than " + MAX_FINDING_TYPE_LENGTH + " characters");
    }
    return check(path, value, FINDING_TYPE, "not a valid finding type (printable characters without quotes)");
  }

  public static boolean isGuardDutyType(String value) {
    return value != null && value.length() <= MAX_FINDING_TYPE_LENGTH && GUARDDUTY_TYPE.matcher(value).matches();
  }

  public static String eventName(String path, String value) {
    return check(path, value, EVENT_NAME, "not a valid CloudTrail event name");
  }

  public static String instanceId(String path, String value) {
    return check(path, value, INSTANCE_ID, "not a valid EC2 instance id");
  }

  public static String bucketName(String path, String value) {
    return check(path, value, BUCKET_NAME, "not a valid S3 bucket name");
  }

  /** Enumeration-like values (userType, actionType, ConsoleLogin result, MFAUsed). */
  public static String word(String path, String value) {
    return check(path, value, WORD, "not a valid value (letters, digits, _ and - only)");
  }

  /** An IPv4 or IPv6 literal. Parsed by hand: {@code InetAddress.getByName} would resolve host names. */
  public static String ipAddress(String path, String value) {
    if (value == null) return null;
    if (isIpv4(value) || isIpv6(value)) return value;
    throw new InvalidFieldException(path, "not an IPv4 or IPv6 address");
  }

  /** CloudTrail's sourceIPAddress: an IP literal, an AWS service host name, or "AWS Internal". */
  public static boolean isAwsServiceSource(String value) {
    return "AWS Internal".equals(value) || (value.length() <= 253 && SERVICE_HOST.matcher(value).matches());
  }

  public static boolean isIpv4(String value) {
    return value.length() <= 15 && IPV4.matcher(value).matches();
  }

  public static boolean isIpv6(String value) {
    if (value.length() < 2 || value.length() > 45) return false;
    String head = value;
    int groupsAvailable = 8;
    int lastColon = value.lastIndexOf(':');
    if (lastColon >= 0 && value.indexOf('.', lastColon) > 0) {
      // An embedded IPv4 tail (::ffff:192.0.2.1) stands for two groups.
      if (!isIpv4(value.substring(lastColon + 1))) return false;
      head = value.substring(0, lastColon + 1) + "0";
      groupsAvailable = 7;
    }
    int doubleColon = head.indexOf("::");
    if (doubleColon >= 0 && head.indexOf("::", doubleColon + 1) >= 0) return false;
    if (doubleColon >= 0) {
      String left = head.substring(0, doubleColon);
      String right = head.substring(doubleColon + 2);
      int groups = countGroups(left) + countGroups(right);
      return groups >= 0 && groups <= groupsAvailable - 1;
    }
    return countGroups(head) == groupsAvailable;
  }

  /** Number of valid hex groups in a colon-separated run, or a large negative number when invalid. */
  private static int countGroups(String run) {
    if (run.isEmpty()) return 0;
    String[] parts = run.split(":", -1);
    for (String part : parts) {
      if (!HEX_GROUP.matcher(part).matches()) return -100;
    }
    return parts.length;
  }

  /** Who approves or rejects: a name or e-mail address, printable, at most 128 characters. */
  public static String approver(String path, String value) {
    if (value == null || value.isBlank()) throw new InvalidFieldException(path, "is required");
    return check(path, value, APPROVER, "not a valid approver (letters, digits, space and .@+=,:'_- only, at most 128)");
  }

  /** A free-text comment: at most 2000 characters, no control characters except line breaks and tabs. */
  public static String comment(String path, String value) {
    if (value == null) return null;
    if (value.length() > 2000) throw new InvalidFieldException(path, "longer than 2000 characters");
    if (value.codePoints().anyMatch(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\r' && cp != '\t')) {
      throw new InvalidFieldException(path, "contains control characters");
    }
    return value;
  }

  /** Display text (titles): control characters become spaces and the text is cut to a bounded length. */
  public static String displayText(String value) {
    if (value == null) return null;
    StringBuilder clean = new StringBuilder(Math.min(value.length(), MAX_TITLE_LENGTH));
    value.codePoints().limit(MAX_TITLE_LENGTH).forEach(cp ->
        clean.appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT ? ' ' : cp));
    return clean.toString().strip();
  }

  private static String check(String path, String value, Pattern rule, String reason) {
    if (value == null) return null;
    if (!rule.matcher(value).matches()) throw new InvalidFieldException(path, reason);
    return value;
  }
}
