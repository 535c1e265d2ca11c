import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The DuckDB side of bench/tpch.sh: loads the 8 .tbl tables (timed once), then runs each query
 * file RUNS times and prints "query<TAB>median seconds"; each result goes to OUT/qNN.tsv (TAB
 * separated, NULL as \N) for the comparison with Drover's.
 *
 *   java -cp duckdb_jdbc.jar:. DuckRun DDL_SQL OUT RUNS QUERY.sql...
 */
public final class DuckRun {
  public static void main(String[] args) throws Exception {
    String load = Files.readString(Path.of(args[0]));
    Path out = Path.of(args[1]);
    int runs = Integer.parseInt(args[2]);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET threads = 2");
      st.execute("SET default_null_order = 'nulls_first_on_asc_last_on_desc'");
      long t0 = System.nanoTime();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "CREATE EXTERNAL TABLE (\\w+) \\((.*?)\\)\\s*ROW FORMAT.*?LOCATION '([^']+)'",
          java.util.regex.Pattern.DOTALL).matcher(load.replaceAll("--[^\n]*", ""));
      while (m.find()) {
        StringBuilder cols = new StringBuilder();
        StringBuilder csv = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (String col : m.group(2).split(",\\s*\n")) {
          String[] nt = col.strip().split("\\s+", 2);
          String type = nt[1].replaceAll("(var)?char\\(\\d+\\)", "VARCHAR");
          String sep = cols.length() == 0 ? "" : ", ";
          cols.append(sep).append(nt[0]).append(' ').append(type);
          csv.append(sep).append('\'').append(nt[0]).append("': '").append(type).append('\'');
          names.append(sep).append(nt[0]);
        }
        st.execute("CREATE TABLE " + m.group(1) + " (" + cols + ")");
        st.execute("INSERT INTO " + m.group(1) + " SELECT " + names + " FROM read_csv('"
            + m.group(3) + "/*.tbl', delim = '|', header = false, quote = '', columns = {"
            + csv + ", 'end_of_line': 'VARCHAR'})");
      }
      System.out.printf("load\t%.3f%n", (System.nanoTime() - t0) / 1e9);
      for (int i = 3; i < args.length; i++) {
        Path q = Path.of(args[i]);
        String sql = Files.readString(q).replaceAll(";\\s*$", "");
        double[] t = new double[runs];
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < runs; r++) {
          rows.setLength(0);
          long s0 = System.nanoTime();
          try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int j = 1; j <= n; j++) {
                String v = rs.getString(j);
                rows.append(j > 1 ? "\t" : "").append(v == null ? "\\N" : v);
              }
              rows.append('\n');
            }
          }
          t[r] = (System.nanoTime() - s0) / 1e9;
        }
        java.util.Arrays.sort(t);
        String name = q.getFileName().toString().replace(".sql", "");
        Files.writeString(out.resolve(name + ".tsv"), rows);
        System.out.printf("%s\t%.3f%n", name, t[runs / 2]);
      }
    }
  }
}
