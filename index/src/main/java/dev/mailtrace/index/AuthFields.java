package dev.mailtrace.index;

import dev.mailtrace.auth.AuthTrail;
import dev.mailtrace.auth.Authenticity;
import dev.mailtrace.auth.SigningDomains;
import dev.mailtrace.message.Message;
import dev.mailtrace.received.HopChain;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * A message's authenticity fields: what the last server that judged DKIM, SPF and DMARC said in its
 * Authentication-Results or Received-SPF field ({@code auth.dkim}, {@code auth.spf}, {@code
 * auth.dmarc}: that verdict, or none), and the domains its DKIM-Signature fields claim ({@code
 * dkim.domain}), counted by {@code stats --by dkim-domain}; when the run verifies signatures with
 * keys, the verified result ({@code dkim.result}: pass when a signature passes, else fail, permerror,
 * temperror, neutral, or none without signatures), counted by {@code stats --by dkim-result}.
 */
final class AuthFields {
  private AuthFields() {}

  static void add(Document d, Message m, HopChain chain) {
    AuthTrail trail = AuthTrail.of(m, chain);
    for (String method : List.of("dkim", "spf", "dmarc")) {
      String result = "none";
      int newest = -1;
      for (AuthTrail.AuthField f : trail.fields()) {
        for (AuthTrail.Verdict v : f.verdicts()) {
          // the newest hop's word counts: the receiving server is the one the reader trusts
          if (v.method().equals(method) && v.result() != null && !v.result().isEmpty() && f.hop() > newest) {
            newest = f.hop();
            result = v.result().toLowerCase(Locale.ROOT);
          }
        }
      }
      d.add(new StringField("auth." + method, result, Field.Store.NO));
    }
    for (String domain : SigningDomains.of(m)) {
      String v = domain.length() > MessageDocument.MAX_KEYWORD ? domain.substring(0, MessageDocument.MAX_KEYWORD) : domain;
      d.add(new StringField(MessageFields.DKIM_DOMAIN, v, Field.Store.NO));
      d.add(new SortedSetDocValuesField(MessageFields.DKIM_DOMAIN, new BytesRef(v)));
    }
  }

  /** The verified DKIM result of a run given keys. */
  static void addVerified(Document d, Authenticity a) {
    String result = a.dkimResult().word();
    d.add(new StringField(MessageFields.DKIM_RESULT, result, Field.Store.NO));
    d.add(new SortedSetDocValuesField(MessageFields.DKIM_RESULT, new BytesRef(result)));
  }
}
