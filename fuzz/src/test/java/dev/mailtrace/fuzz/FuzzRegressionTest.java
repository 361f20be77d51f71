package dev.mailtrace.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every committed seed and finding of every target runs clean: each finding is a regression test. */
class FuzzRegressionTest {
  @ParameterizedTest
  @EnumSource(Target.class)
  void committedInputsRunClean(Target target) throws Exception {
    List<Path> inputs = target.committed();
    assertTrue(!inputs.isEmpty(), "no seeds for " + target.folder());
    List<String> failed = new ArrayList<>();
    for (Path p : inputs) {
      try {
        target.run(Files.readAllBytes(p));
      } catch (Throwable t) {
        failed.add(p.getFileName() + ": " + t);
      }
    }
    assertTrue(failed.isEmpty(), target.folder() + ": " + failed);
  }
}
