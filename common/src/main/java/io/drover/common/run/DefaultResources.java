package io.drover.common.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.XMLEvent;

/**
 * Hadoop's {@code *-default.xml} files served from memory, without their descriptions, to the
 * {@code Configuration}s made while a local iterative run submits its jobs.
 *
 * <p>Why: Hadoop's {@code Configuration} keeps no parsed copy of its default resources; every new
 * instance looks each one up through its class loader, opens its jar afresh ({@code setUseCaches
 * (false)}) and parses it again: core, mapred and yarn defaults, ~460 kB of XML, three quarters of
 * it descriptions. LocalJobRunner makes four such instances per job (the job's {@code JobConf}
 * from job.xml, the local copy it writes and reads back, and a {@code FileContext}'s at the
 * distributed cache's set-up and close), which was about half of the CPU of a ~12 ms iteration
 * job's ~68 ms. A {@code Configuration} takes its class loader from the thread that makes it, so
 * {@link #serve} sets the calling thread's context class loader to one that answers {@code
 * getResource("core-default.xml")} (and every other {@code *-default.xml} name its parent knows)
 * with a URL to the same file stripped of {@code <description>} elements and comments, read once
 * per JVM; everything else, classes included, comes from the parent. The properties, their final
 * flags and their sources ({@code core-default.xml}) are the same; {@code DefaultResourcesTest}
 * checks it against Hadoop's own reading of each original file.
 */
public final class DefaultResources {
  private static final String SUFFIX = "-default.xml";
  private static final String PROTOCOL = "drover-defaults";
  private static final Map<String, byte[]> STRIPPED = new ConcurrentHashMap<>();

  private DefaultResources() {}

  /** Restores the thread's class loader when closed. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Until the returned scope is closed, {@code Configuration}s made by this thread (and by threads
   * it starts, such as LocalJobRunner's job and task threads) read Hadoop's default files from
   * memory. Closing restores the thread's class loader.
   */
  public static Scope serve() {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    ClassLoader parent = before != null ? before : DefaultResources.class.getClassLoader();
    if (parent instanceof Loader) {
      return () -> {};
    }
    t.setContextClassLoader(new Loader(parent));
    return () -> t.setContextClassLoader(before);
  }

  /**
   * A class loader that serves the stripped default files and delegates everything else. It also
   * remembers where its parent found each {@code *-site.xml} name (or that it found none): Hadoop
   * looks each one up for every new {@code Configuration}, and a miss walks every jar of the class
   * path. The site file itself is read afresh each time, as Hadoop reads it.
   */
  static final class Loader extends ClassLoader {
    private final Map<String, Optional<URL>> found = new ConcurrentHashMap<>();

    Loader(ClassLoader parent) {
      super(parent);
    }

    @Override
    public URL getResource(String name) {
      boolean defaults = name.endsWith(SUFFIX);
      if ((!defaults && !name.endsWith("-site.xml")) || name.indexOf('/') >= 0) {
        return getParent().getResource(name);
      }
      return found
          .computeIfAbsent(name, n -> Optional.ofNullable(lookUp(n, defaults)))
          .orElse(null);
    }

    private URL lookUp(String name, boolean defaults) {
      URL url = getParent().getResource(name);
      if (url == null || !defaults) {
        return url;
      }
      byte[] bytes = STRIPPED.computeIfAbsent(url.toString(), k -> read(url));
      try {
        return new URL(PROTOCOL, null, -1, "/" + name, new Bytes(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static byte[] read(URL url) {
    URLConnection c;
    try {
      c = url.openConnection();
      c.setUseCaches(false);
      try (InputStream in = c.getInputStream()) {
        return strip(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A Hadoop configuration file without its {@code <description>} elements, comments, processing
   * instructions and the white space between elements of {@code <configuration>} and {@code
   * <property>}; every other element and all text inside them kept as it was.
   */
  static byte[] strip(InputStream xml) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLInputFactory inf = XMLInputFactory.newFactory();
      inf.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      inf.setProperty(XMLInputFactory.IS_COALESCING, true);
      XMLEventReader r = inf.createXMLEventReader(xml);
      XMLEventWriter w = XMLOutputFactory.newFactory().createXMLEventWriter(out, "UTF-8");
      Deque<String> open = new ArrayDeque<>();
      int skipping = 0;
      while (r.hasNext()) {
        XMLEvent e = r.nextEvent();
        if (e.isStartElement()) {
          String name = e.asStartElement().getName().getLocalPart();
          open.push(name);
          if (skipping > 0 || name.equals("description")) {
            skipping++;
            continue;
          }
        } else if (e.isEndElement()) {
          open.pop();
          if (skipping > 0) {
            skipping--;
            continue;
          }
        } else if (skipping > 0
            || e.isProcessingInstruction()
            || e.getEventType() == XMLEvent.COMMENT
            || e.getEventType() == XMLEvent.DTD) {
          continue;
        } else if (e.isCharacters() && e.asCharacters().isWhiteSpace()
            && (open.isEmpty() || open.peek().equals("configuration")
                || open.peek().equals("property"))) {
          continue;
        }
        w.add(e);
      }
      w.close();
      r.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot read a Hadoop default file: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static final class Bytes extends URLStreamHandler {
    private final byte[] bytes;

    Bytes(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    protected URLConnection openConnection(URL u) {
      return new URLConnection(u) {
        @Override
        public void connect() {}

        @Override
        public InputStream getInputStream() {
          return new ByteArrayInputStream(bytes);
        }
      };
    }
  }
}
