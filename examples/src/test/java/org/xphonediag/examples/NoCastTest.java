package org.xphonediag.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The embedding recipes read what the SDK found through its types: not one cast in them (a cast in an
 * embedder's code is an API that hands out untyped values). Parsed with the JDK's compiler tree API.
 */
class NoCastTest {

  @Test
  void recipesWhenParsedThenNoTypeCast() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertTrue(sources.size() >= 5, "recipes found: " + sources);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> casts = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
          files.getJavaFileObjectsFromPaths(sources));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        LineMap lines = unit.getLineMap();
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitTypeCast(TypeCastTree cast, Void unused) {
            long at = positions.getStartPosition(unit, cast);
            casts.add(Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + lines.getLineNumber(at) + ": " + cast);
            return super.visitTypeCast(cast, unused);
          }
        }.scan(unit, null);
      }
    }
    assertEquals(List.of(), casts);
  }
}
