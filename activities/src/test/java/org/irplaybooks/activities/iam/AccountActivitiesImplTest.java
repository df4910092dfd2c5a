package org.irplaybooks.activities.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.failure.ApplicationFailure;
import org.irplaybooks.activities.MotoFixture;
import org.irplaybooks.activities.aws.AwsClientFactory;
import org.irplaybooks.activities.aws.AwsErrorTranslator;
import org.irplaybooks.activities.emulator.MotoServer;
import org.irplaybooks.workflows.ports.AccountActivities.AccountPosture;
import org.irplaybooks.workflows.ports.AccountActivities.AccountRef;
import org.irplaybooks.workflows.ports.FailureType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountActivitiesImplTest {
  private static MotoServer moto;
  private AwsClientFactory clients;
  private AccountActivitiesImpl activities;

  @BeforeAll
  static void startMoto() {
    moto = MotoFixture.startMoto(AccountActivitiesImplTest.class);
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) moto.close();
  }

  @BeforeEach
  void setUp() {
    moto.reset();
    clients = MotoFixture.clients(MotoFixture.settings(moto).build());
    activities = new AccountActivitiesImpl(clients, new AwsErrorTranslator());
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void describeAccountPosture_readsTheAccountSummary() {
    clients.iam(null).createUser(b -> b.userName("alice"));
    clients.iam(null).createUser(b -> b.userName("bob"));

    AccountPosture posture = activities.describeAccountPosture(new AccountRef(MotoFixture.ACCOUNT));

    assertThat(posture.summary()).containsEntry("Users", 2).containsKey("AccountMFAEnabled")
        .containsKey("AccountAccessKeysPresent");
    assertThat(posture.rootMfaEnabled()).isEqualTo(posture.summary().get("AccountMFAEnabled") > 0);
    assertThat(posture.rootAccessKeysPresent()).isEqualTo(posture.summary().get("AccountAccessKeysPresent") > 0);
  }

  @Test
  void describeAccountPosture_refusesAMalformedAccount() {
    Throwable thrown = catchThrowable(() -> activities.describeAccountPosture(new AccountRef("12-34")));
    assertThat(((ApplicationFailure) thrown).getType()).isEqualTo(FailureType.VALIDATION.name());
  }
}
