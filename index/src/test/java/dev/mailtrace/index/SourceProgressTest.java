package dev.mailtrace.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SourceProgressTest {
  private static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void progressWithAStampReadsBackAsWritten() {
    SourceProgress p = new SourceProgress(4096, 2048, 2048, SHA, 7, -4_611_686_018_427_387_904L);
    assertEquals(p, SourceProgress.decode(p.encode()));
  }

  @Test
  void progressWrittenBeforeStampsReadsWithoutOne() {
    assertEquals(new SourceProgress(4096, 2048, 2048, SHA, 7, 0), SourceProgress.decode("4096,2048,2048," + SHA + ",7"));
  }

  @Test
  void somethingElseIsNotProgress() {
    assertNull(SourceProgress.decode("4096,2048"));
    assertNull(SourceProgress.decode("a,b,c," + SHA + ",7,0"));
  }
}
