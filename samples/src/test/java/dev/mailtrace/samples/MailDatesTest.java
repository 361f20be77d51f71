package dev.mailtrace.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MailDatesTest {
  private static final long T = 1_767_600_000L; // 2026-01-05T08:00:00Z

  @Test
  void rfc5322DateCarriesTheZoneOffset() {
    assertEquals("Mon, 5 Jan 2026 08:00:00 +0000", MailDates.rfc5322(T, 0, true));
    assertEquals("Mon, 5 Jan 2026 03:00:00 -0500", MailDates.rfc5322(T, -300, true));
    assertEquals("5 Jan 2026 13:30:00 +0530", MailDates.rfc5322(T, 330, false));
  }

  @Test
  void asctimePadsTheDayWithASpace() {
    assertEquals("Mon Jan  5 08:00:00 2026", MailDates.asctime(T));
  }
}
