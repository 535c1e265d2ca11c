package io.drover.common.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapred.JobConf;
import org.junit.jupiter.api.Test;

class DefaultResourcesTest {
  private static final ClassLoader PARENT = DefaultResourcesTest.class.getClassLoader();

  /** Every property with its raw value, its final flag and its sources, as Hadoop read them. */
  private static Map<String, String> read(Configuration c) {
    Map<String, String> m = new TreeMap<>();
    for (Map.Entry<String, String> e : c) {
      m.put(e.getKey(), e.getValue() + " final=" + c.getFinalParameters().contains(e.getKey())
          + " sources=" + Arrays.toString(c.getPropertySources(e.getKey())));
    }
    return m;
  }

  @Test
  void everyDefaultFileReadsTheSameStripped() throws Exception {
    DefaultResources.Loader loader = new DefaultResources.Loader(PARENT);
    int files = 0;
    for (String name : new String[] {"core-default.xml", "mapred-default.xml", "yarn-default.xml",
        "hdfs-default.xml"}) {
      URL original = PARENT.getResource(name);
      if (original == null) {
        continue;
      }
      files++;
      Configuration hadoops = new Configuration(false);
      hadoops.addResource(original.openStream(), name);
      URL served = loader.getResource(name);
      assertEquals("drover-defaults", served.getProtocol());
      Configuration ours = new Configuration(false);
      ours.addResource(served.openStream(), name);
      Map<String, String> expected = read(hadoops);
      assertTrue(expected.size() > 100, name);
      assertEquals(expected, read(ours), name);
      String stripped = new String(served.openStream().readAllBytes(), StandardCharsets.UTF_8);
      assertFalse(stripped.contains("<description"), name);
      try (InputStream in = original.openStream()) {
        assertTrue(stripped.length() < in.readAllBytes().length / 2, name);
      }
    }
    assertTrue(files >= 3, "core, mapred and yarn defaults are on the test class path");
  }

  @Test
  void keepsFinalFlagsTextAndEntitiesAndDropsOnlyDescriptionsAndComments() throws Exception {
    String xml = "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"c.xsl\"?>\n"
        + "<!-- licence -->\n<configuration>\n  <property>\n    <name>a.b</name>\n"
        + "    <value> spaced &amp; &lt;x&gt; ÿ </value>\n    <final>true</final>\n"
        + "    <description>long <b>text</b> &amp; more</description>\n  </property>\n"
        + "  <property><name>c</name><value></value><tag>X,Y</tag></property>\n"
        + "</configuration>\n";
    byte[] stripped =
        DefaultResources.strip(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    String s = new String(stripped, StandardCharsets.UTF_8);
    assertFalse(s.contains("description") || s.contains("licence") || s.contains("stylesheet"), s);
    Configuration a = new Configuration(false);
    a.addResource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "x-default.xml");
    Configuration b = new Configuration(false);
    b.addResource(new ByteArrayInputStream(stripped), "x-default.xml");
    assertEquals(read(a), read(b));
    assertEquals(" spaced & <x> ÿ ", b.getRaw("a.b"));
    assertTrue(b.getFinalParameters().contains("a.b"));
  }

  @Test
  void aConfigurationMadeInsideReadsWhatOneMadeOutsideReads() {
    Map<String, String> outside = read(new JobConf());
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try (DefaultResources.Scope s = DefaultResources.serve()) {
      ClassLoader inside = Thread.currentThread().getContextClassLoader();
      assertNotEquals(before, inside);
      JobConf conf = new JobConf();
      assertEquals(outside, read(conf));
      assertEquals("drover-defaults", conf.getResource("mapred-default.xml").getProtocol());
      assertSame(JobConf.class, assertDoesLoad(inside, JobConf.class.getName()));
      try (DefaultResources.Scope nested = DefaultResources.serve()) {
        assertSame(inside, Thread.currentThread().getContextClassLoader());
      }
      assertSame(inside, Thread.currentThread().getContextClassLoader());
    }
    assertSame(before, Thread.currentThread().getContextClassLoader());
  }

  private static Class<?> assertDoesLoad(ClassLoader l, String name) {
    try {
      Class<?> c = l.loadClass(name);
      assertNotNull(c);
      return c;
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void otherNamesComeFromTheParent() {
    DefaultResources.Loader loader = new DefaultResources.Loader(PARENT);
    assertEquals(PARENT.getResource("core-site.xml"), loader.getResource("core-site.xml"));
    assertEquals(null, loader.getResource("no-such-default.xml"));
    URL cls = loader.getResource("org/apache/hadoop/conf/Configuration.class");
    assertEquals(PARENT.getResource("org/apache/hadoop/conf/Configuration.class"), cls);
  }
}
