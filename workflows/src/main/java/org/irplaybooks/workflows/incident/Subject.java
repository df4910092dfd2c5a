package org.irplaybooks.workflows.incident;

/**
 * What a finding is about: the principal or resource a playbook acts on. Fields that do not apply
 * to the finding are null.
 *
 * @param principalType IAMUser, AssumedRole, Root, AWSAccount… as CloudTrail and GuardDuty name it
 * @param principalArn ARN of the principal, when known
 * @param userName IAM user name (for IAMUser principals)
 * @param accessKeyId access key id (AKIA… long-term, ASIA… temporary)
 * @param resourceType the resource type of the source (AccessKey, Instance, AwsIamAccessKey…)
 * @param resourceId instance id, bucket name, function name… when the subject is a resource
 */
public record Subject(
    String principalType,
    String principalArn,
    String userName,
    String accessKeyId,
    String resourceType,
    String resourceId) {

  /** The most specific name to show for this subject: user, key, resource or ARN. */
  public String displayName() {
    if (userName != null) return userName;
    if (resourceId != null) return resourceId;
    if (accessKeyId != null) return accessKeyId;
    if (principalArn != null) return principalArn;
    return "unknown";
  }
}
