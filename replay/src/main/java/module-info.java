/** Our own SMTP client and the safe, rate-controlled replay of archived messages. */
module dev.mailtrace.replay {
  requires transitive dev.mailtrace.mail;
  requires org.apache.commons.csv;
  requires java.naming;

  exports dev.mailtrace.replay;
  exports dev.mailtrace.smtp;
}
