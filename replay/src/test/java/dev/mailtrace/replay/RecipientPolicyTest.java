package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.smtp.Envelope.Recipient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecipientPolicyTest {

  @Test
  void fixedAddressesReplaceAllRecipients() {
    RecipientPolicy p = RecipientPolicy.fixed(List.of("sink@example.test"));
    assertEquals(List.of(Recipient.of("sink@example.test")), p.apply(List.of("a@real.test", "b@real.test"), new ArrayList<>()));
  }

  @Test
  void rewrittenAddressesKeepTheOriginalForOrcpt() {
    RecipientPolicy p = new RecipientPolicy(List.of(), List.of(RecipientPolicy.Rewrite.parse("@real\\.test$=>@sink.test")), Set.of(), false);
    List<String> dropped = new ArrayList<>();
    List<Recipient> r = p.apply(List.of("a@real.test", "b@other.test"), dropped);
    assertEquals(List.of(new Recipient("a@sink.test", "a@real.test")), r);
    assertEquals(List.of("b@other.test"), dropped);
  }

  @Test
  void allowedDomainsIncludeSubdomainsAndNothingElse() {
    RecipientPolicy p = new RecipientPolicy(List.of(), List.of(), Set.of("Example.TEST"), false);
    List<String> dropped = new ArrayList<>();
    List<Recipient> r = p.apply(List.of("a@example.test", "b@mx.example.test", "c@evilexample.test", "d@example.test.org"), dropped);
    assertEquals(List.of("a@example.test", "b@mx.example.test"), r.stream().map(Recipient::address).toList());
    assertNull(r.get(0).original());
    assertEquals(2, dropped.size());
  }

  @Test
  void rewriteTargetsMustBeInAllowedDomainsWhenGiven() {
    RecipientPolicy p = new RecipientPolicy(List.of(), List.of(RecipientPolicy.Rewrite.parse("^.*$=>x@outside.test")), Set.of("example.test"), false);
    assertTrue(p.apply(List.of("a@real.test"), new ArrayList<>()).isEmpty());
  }

  @Test
  void policyWithoutRulesIsUnusableUnlessUnrestricted() {
    assertFalse(new RecipientPolicy(List.of(), List.of(), Set.of(), false).isUsable());
    RecipientPolicy open = new RecipientPolicy(List.of(), List.of(), Set.of(), true);
    assertTrue(open.isUsable());
    assertEquals(2, open.apply(List.of("a@real.test", "A@real.test", "b@real.test"), new ArrayList<>()).size());
  }

  @Test
  void malformedRewriteRuleIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> RecipientPolicy.Rewrite.parse("no arrow"));
  }
}
