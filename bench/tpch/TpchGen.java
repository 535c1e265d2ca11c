import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the 8 TPC-H tables at a scale factor in dbgen's layout (a '|' after every field), one
 * directory per table as Hive's LOCATION wants: DIR/lineitem/lineitem.tbl, ... (the generator
 * is io.trino.tpch:tpch 1.2, the one the tests use at SF 0.01).
 *
 *   java -cp tpch-1.2.jar:. TpchGen SCALE DIR
 */
public final class TpchGen {
  public static void main(String[] args) throws IOException {
    double scale = Double.parseDouble(args[0]);
    Path dir = Path.of(args[1]);
    for (TpchTable<?> t : TpchTable.getTables()) {
      write(t, scale, dir.resolve(t.getTableName()));
    }
  }

  private static <E extends TpchEntity> void write(TpchTable<E> table, double scale, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(table.getTableName() + ".tbl");
    Path tmp = dir.resolve("." + table.getTableName() + ".tbl.partial");
    long start = System.nanoTime();
    try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (E row : table.createGenerator(scale, 1, 1)) {
        out.write(row.toLine());
        out.write('\n');
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    System.err.printf("tpch: %s (%,d bytes) in %.1f s%n", file, Files.size(file),
        (System.nanoTime() - start) / 1e9);
  }
}
