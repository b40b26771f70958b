package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CheckCatalogTest {
  @Test
  void catalogueWhenReadThenEveryConstantNamedAfterItsIdAndListedOnce() throws IllegalAccessException {
    List<CheckId> constants = new ArrayList<>();
    for (Field f : CheckCatalog.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == CheckId.class) {
        CheckId id = (CheckId) f.get(null);
        assertEquals(id.value().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), f.getName(),
            "constant for " + id);
        constants.add(id);
      }
    }
    assertEquals(constants.size(), new HashSet<>(CheckCatalog.all()).size(), "ids are unique");
    assertEquals(new HashSet<>(constants), new HashSet<>(CheckCatalog.all()));
  }
}
