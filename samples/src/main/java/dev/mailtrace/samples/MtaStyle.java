package dev.mailtrace.samples;

/** The mail transfer agents whose Received header layouts the generator imitates. */
enum MtaStyle {
  POSTFIX,
  EXIM,
  SENDMAIL,
  EXCHANGE,
  GMAIL,
  QMAIL
}
