import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs one SQL query in DuckDB (in process, through its JDBC driver) and prints the wall time and
 * the rows: the in-process columnar peer of bench/aggregate.sh's rich query.
 *
 *   java -cp duckdb_jdbc.jar bench/aggregate/DuckQuery.java "SELECT ..."
 */
public class DuckQuery {
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    int rows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(args[0])) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? "\t" : "").append(r.getString(i));
        }
        System.out.println(b);
        rows++;
      }
    }
    System.err.printf("duckdb: %d rows in %.2f s%n", rows, (System.nanoTime() - start) / 1e9);
  }
}
