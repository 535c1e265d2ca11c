package io.drover.jobs.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.jobs.sql.TpchData;
import io.drover.jobs.sql.catalog.Catalog;
import io.drover.jobs.sql.catalog.CatalogException;
import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.catalog.TableFormat;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HiveDdlTest {
  @Test
  void externalDelimitedTextTable() {
    Table t = HiveDdl.table("CREATE EXTERNAL TABLE Sales (id bigint, Amount decimal(15,2),"
        + " name string, code varchar(10), flag char(1), day date, at timestamp, ok boolean,"
        + " n int, x double, y integer, d decimal)\n"
        + "ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' STORED AS TEXTFILE"
        + " LOCATION 'hdfs:///data/sales'");
    assertEquals("sales", t.name());
    assertTrue(t.external());
    assertEquals(TableFormat.TEXTFILE, t.format());
    assertEquals('|', t.fieldDelimiter());
    assertEquals("hdfs:///data/sales", t.location());
    assertEquals(List.of(new Column("id", DataType.BIGINT),
        new Column("amount", DataType.decimal(15, 2)), new Column("name", DataType.STRING),
        new Column("code", DataType.varchar(10)), new Column("flag", DataType.fixedChar(1)),
        new Column("day", DataType.DATE), new Column("at", DataType.TIMESTAMP),
        new Column("ok", DataType.BOOLEAN), new Column("n", DataType.INT),
        new Column("x", DataType.DOUBLE), new Column("y", DataType.INT),
        new Column("d", DataType.decimal(10, 0))), t.columns());
    assertEquals("amount decimal(15,2)", t.columns().get(1).toString());
  }

  @Test
  void managedParquetTableWithHiveDefaults() {
    Table t = HiveDdl.table("create table `events` (`ts` timestamp, kind string)"
        + " stored as parquet location '/warehouse/events'");
    assertEquals("events", t.name());
    assertFalse(t.external());
    assertEquals(TableFormat.PARQUET, t.format());
    assertEquals(List.of("ts", "kind"), t.columns().stream().map(Column::name).toList());
    assertEquals(Table.HIVE_DEFAULT_DELIMITER, t.fieldDelimiter());
  }

  @Test
  void storageClausesInAnyOrderWithCommentAndLines() {
    Table t = HiveDdl.table("CREATE TABLE t (a int) COMMENT 'the t; table'"
        + " LOCATION \"/p\" ROW FORMAT DELIMITED LINES TERMINATED BY '\\n'"
        + " FIELDS TERMINATED BY '\\t'");
    assertEquals('\t', t.fieldDelimiter());
    assertEquals("/p", t.location());
    assertEquals(TableFormat.TEXTFILE, t.format());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "|;124", ",;44", "\\t;9", "\\001;1", "\\54;44", "\\\\;92"})
  void hiveDelimiterEscapes(String literal, int expected) {
    assertEquals((char) expected, HiveDdl.delimiter(literal));
  }

  @Test
  void scriptWithCommentsStatementsAndIfNotExists() {
    String script = "-- tables; two of them\n"
        + "CREATE EXTERNAL TABLE a (x int) LOCATION '/a;b';\n"
        + "/* a block; comment */\n"
        + "CREATE TABLE IF NOT EXISTS a (y int) LOCATION '/other';\n"
        + "CREATE TABLE b (x int) LOCATION '/b'\n";
    Catalog c = HiveDdl.addTables(Catalog.empty(), script, "init.ddl");
    assertEquals(List.of("a", "b"), c.tables().stream().map(Table::name).toList());
    assertEquals("/a;b", c.table("A").location());
    assertEquals("x", c.table("a").columns().get(0).name());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      // statement # the whole one-line message
      "CREATE TABLE t (a int, b float) LOCATION '/p'"
          + "#x.ddl statement 2 (line 3): table t: column b has type float; use one of boolean,"
          + " int, bigint, double, decimal(p,s), string, varchar(n), char(n), date, timestamp",
      "CREATE TABLE t (a int)"
          + "#x.ddl statement 2 (line 3): table t: no LOCATION; add LOCATION 'path'"
          + " (the table's file or dir)",
      "CREATE TABLE t (a int) STORED AS ORC LOCATION '/p'"
          + "#x.ddl statement 2 (line 3): table t: STORED AS ORC is not supported;"
          + " use STORED AS TEXTFILE, PARQUET, JSONFILE or APACHELOG",
      "CREATE TABLE t (a int) PARTITIONED BY (d string) LOCATION '/p'"
          + "#x.ddl statement 2 (line 3): table t: 'PARTITIONED' is not supported here; after"
          + " the columns come [COMMENT 'text'] [ROW FORMAT DELIMITED FIELDS TERMINATED BY 'c'"
          + " | ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES (...)]] [STORED AS TEXTFILE,"
          + " PARQUET, JSONFILE or APACHELOG] [TBLPROPERTIES (...)] LOCATION 'path'",
      "CREATE TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY '||' LOCATION '/p'"
          + "#x.ddl statement 2 (line 3): table t: FIELDS TERMINATED BY '||': give one"
          + " character (or \\t, \\001)",
      "CREATE TABLE t (a int) ROW FORMAT SERDE 'x.Y' LOCATION '/p'"
          + "#x.ddl statement 2 (line 3): table t: ROW FORMAT SERDE 'x.Y' is not supported; use"
          + " 'org.apache.hadoop.hive.serde2.OpenCSVSerde' (CSV),"
          + " 'org.apache.hive.hcatalog.data.JsonSerDe' (JSON lines), ROW FORMAT DELIMITED, or"
          + " STORED AS PARQUET, JSONFILE or APACHELOG",
      "CREATE TABLE t (a int, A bigint) LOCATION '/p'"
          + "#x.ddl statement 2 (line 3): table t: two columns named a",
      "CREATE TABLE t (a varchar) LOCATION '/p'"
          + "#x.ddl statement 2 (line 3): table t: column a has type varchar; write"
          + " varchar(length)",
      "CREATE TABLE t (a decimal(40,2)) LOCATION '/p'"
          + "#x.ddl statement 2 (line 3): table t: column a: decimal(40,2): precision must be"
          + " 1..38 and scale 0..precision",
      "CREATE TABLE t (a int) LOCATION"
          + "#x.ddl statement 2 (line 3): table t: LOCATION needs a quoted string, found the end"
          + " of the statement",
      "CREATE TABLE z (x int) LOCATION '/z'"
          + "#x.ddl statement 2 (line 3): table z is defined twice (drop one, or write CREATE"
          + " TABLE IF NOT EXISTS)",
      "SELECT * FROM z"
          + "#x.ddl statement 2 (line 3): only CREATE [EXTERNAL] TABLE defines a table; found"
          + " 'SELECT * FROM z'",
      "CREATE VIEW v AS SELECT 1"
          + "#x.ddl statement 2 (line 3): no (column type, ...) list in 'CREATE VIEW v AS"
          + " SELECT 1'",
  })
  void errorsAreOneLineNamingTheStatementAndTheBadPart(String statement, String message) {
    String script = "CREATE TABLE z (x int) LOCATION '/z';\n\n" + statement + ";\n";
    CatalogException e = assertThrows(CatalogException.class,
        () -> HiveDdl.addTables(Catalog.empty(), script, "x.ddl"));
    assertEquals(message, e.getMessage());
  }

  @Test
  void unparsableHeadNamesTheStatementAndJsqlParsersReason() {
    CatalogException e = assertThrows(CatalogException.class,
        () -> HiveDdl.addTables(Catalog.empty(), "\nCREATE TABLE t (a int,, b int) "
            + "LOCATION '/p'", "y.ddl"));
    assertTrue(e.getMessage().startsWith(
        "y.ddl statement 1 (line 2): cannot parse 'CREATE TABLE t (a int,, b int)': "
            + "Encountered unexpected token: \",\""),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("Exception"),
        e.getMessage());
  }

  @Test
  void unknownTableNamesTheDefinedOnes() {
    assertEquals("unknown table t: no table is defined (define it with CREATE EXTERNAL TABLE)",
        assertThrows(CatalogException.class, () -> Catalog.empty().table("t")).getMessage());
    Catalog c = HiveDdl.addTables(Catalog.empty(),
        "CREATE TABLE a (x int) LOCATION '/a'; CREATE TABLE b (x int) LOCATION '/b'", "s");
    assertEquals("unknown table lineitem (defined: a, b)",
        assertThrows(CatalogException.class, () -> c.table("lineitem")).getMessage());
  }

  @Test
  void openCsvSerdeWithPropertiesAndAHeader() {
    Table t = HiveDdl.table("CREATE EXTERNAL TABLE people (id bigint, name string)\n"
        + "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'\n"
        + "WITH SERDEPROPERTIES (\"separatorChar\" = \";\", \"quoteChar\" = \"\\\"\")\n"
        + "STORED AS TEXTFILE LOCATION '/data/people'\n"
        + "TBLPROPERTIES (\"skip.header.line.count\"=\"1\")");
    assertEquals(TableFormat.CSV, t.format());
    assertEquals(';', t.fieldDelimiter());
    assertEquals(1, t.headerLines());
    assertEquals("/data/people", t.location());
    Table plain = HiveDdl.table("create table p (a int) row format serde "
        + "'org.apache.hadoop.hive.serde2.OpenCSVSerde' location 'p'");
    assertEquals(TableFormat.CSV, plain.format());
    assertEquals(',', plain.fieldDelimiter());
    assertEquals(0, plain.headerLines());
    Table tsv = HiveDdl.table("create table p (a int) row format delimited fields terminated by "
        + "'\\t' location 'p' tblproperties ('skip.header.line.count'='1')");
    assertEquals(TableFormat.TEXTFILE, tsv.format());
    assertEquals(1, tsv.headerLines());
  }

  @ParameterizedTest
  @CsvSource(delimiterString = "|", value = {
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.JsonSerDe' STORED AS TEXTFILE",
    "STORED AS JSONFILE",
  })
  void jsonTables(String storage) {
    Table t = HiveDdl.table("CREATE TABLE v (a int, b string) " + storage + " LOCATION '/v'");
    assertEquals(TableFormat.JSONFILE, t.format());
    assertEquals(List.of("a", "b"), t.columns().stream().map(Column::name).toList());
  }

  @Test
  void apacheLogTablesHaveFixedColumns() {
    List<Column> fixed = List.of(new Column("ip", DataType.STRING),
        new Column("ident", DataType.STRING), new Column("user", DataType.STRING),
        new Column("time", DataType.TIMESTAMP), new Column("method", DataType.STRING),
        new Column("path", DataType.STRING), new Column("protocol", DataType.STRING),
        new Column("status", DataType.BIGINT), new Column("bytes", DataType.BIGINT),
        new Column("referer", DataType.STRING), new Column("agent", DataType.STRING));
    Table t = HiveDdl.table("CREATE EXTERNAL TABLE IF NOT EXISTS logs STORED AS APACHELOG "
        + "LOCATION '/logs'");
    assertEquals(TableFormat.APACHELOG, t.format());
    assertEquals("logs", t.name());
    assertTrue(t.external());
    assertEquals(fixed, t.columns());
    Catalog c = HiveDdl.addTables(Catalog.empty(), "create table logs stored as apachelog "
        + "location '/a'; create table if not exists logs stored as apachelog location '/b'", "f");
    assertEquals("/a", c.table("logs").location());
    assertEquals(fixed, HiveDdl.table("create table l (ip string, ident string, user string, "
        + "time timestamp, method string, path string, protocol string, status bigint, "
        + "bytes bigint, referer string, agent string) stored as apachelog location 'l'")
        .columns());
  }

  static Stream<Arguments> formatErrors() {
    String csv = "CREATE TABLE t (a int) ROW FORMAT SERDE "
        + "'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ";
    return Stream.of(
        Arguments.of("CREATE TABLE t (a int) ROW FORMAT SERDE "
            + "'org.apache.hadoop.hive.serde2.RegexSerDe' LOCATION 'x'",
            "table t: ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe' is not"
                + " supported"),
        Arguments.of(csv + "('escapeChar'='\\\\') LOCATION 'x'",
            "table t: SERDEPROPERTIES escapeChar '\\\\' is not supported"),
        Arguments.of(csv + "('quoteChar'='\\'') LOCATION 'x'",
            "table t: SERDEPROPERTIES quoteChar '\\''"),
        Arguments.of(csv + "('separatorChar'='\\n') LOCATION 'x'",
            "table t: SERDEPROPERTIES separatorChar '\\n'"),
        Arguments.of(csv + "('nullValue'='') LOCATION 'x'",
            "table t: SERDEPROPERTIES 'nullvalue' is not supported"),
        Arguments.of(csv + "('separatorChar') LOCATION 'x'", "table t: expected = after"),
        Arguments.of("CREATE TABLE t (a int) LOCATION 'x' TBLPROPERTIES "
            + "('skip.header.line.count'='2')",
            "table t: TBLPROPERTIES skip.header.line.count '2'"),
        Arguments.of("CREATE TABLE t (a int) STORED AS JSONFILE LOCATION 'x' TBLPROPERTIES "
            + "('skip.header.line.count'='1')",
            "table t: TBLPROPERTIES skip.header.line.count: a jsonl table has no header"),
        Arguments.of("CREATE TABLE t (a int) LOCATION 'x' TBLPROPERTIES ('transactional'='true')",
            "table t: TBLPROPERTIES 'transactional' is not supported"),
        Arguments.of("CREATE TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
            + "STORED AS JSONFILE LOCATION 'x'",
            "table t: ROW FORMAT DELIMITED cannot be STORED AS JSONFILE"),
        Arguments.of("CREATE TABLE t (a int) ROW FORMAT SERDE "
            + "'org.apache.hive.hcatalog.data.JsonSerDe' STORED AS PARQUET LOCATION 'x'",
            "table t: ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe' cannot be"),
        Arguments.of("CREATE TABLE t (ip string) STORED AS APACHELOG LOCATION 'x'",
            "table t: STORED AS APACHELOG has fixed columns (ip string, ident string"),
        Arguments.of("CREATE TABLE t STORED AS JSONFILE LOCATION 'x'",
            "table t: no (column type, ...) list; only STORED AS APACHELOG"),
        Arguments.of("CREATE TABLE t (a int) STORED AS ORC LOCATION 'x'",
            "table t: STORED AS ORC is not supported; use STORED AS TEXTFILE, PARQUET, JSONFILE"
                + " or APACHELOG"));
  }

  @ParameterizedTest
  @MethodSource("formatErrors")
  void formatErrorsAreOneLineNamingTheTable(String ddl, String message) {
    CatalogException e = assertThrows(CatalogException.class, () -> HiveDdl.table(ddl));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  /** A table as Hive's SHOW CREATE TABLE prints it reads as written by hand. */
  @Test
  void showCreateTableOutput() {
    Table t = HiveDdl.table("CREATE EXTERNAL TABLE `people`(\n  `id` string COMMENT 'from "
        + "deserializer', `name` string COMMENT 'from deserializer')\n"
        + "ROW FORMAT SERDE\n  'org.apache.hadoop.hive.serde2.OpenCSVSerde'\n"
        + "WITH SERDEPROPERTIES (\n  'separatorChar'=',')\n"
        + "STORED AS INPUTFORMAT\n  'org.apache.hadoop.mapred.TextInputFormat'\n"
        + "OUTPUTFORMAT\n  'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'\n"
        + "LOCATION\n  'hdfs://nn:8020/data/people'\n"
        + "TBLPROPERTIES (\n  'bucketing_version'='2',\n  'skip.header.line.count'='1',\n"
        + "  'skip.footer.line.count'='0',\n  'transient_lastDdlTime'='1700000000')");
    assertEquals(TableFormat.CSV, t.format());
    assertEquals(1, t.headerLines());
    assertEquals("hdfs://nn:8020/data/people", t.location());
    Table p = HiveDdl.table("CREATE TABLE p (a int) STORED AS INPUTFORMAT "
        + "'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat' OUTPUTFORMAT "
        + "'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat' LOCATION 'p'");
    assertEquals(TableFormat.PARQUET, p.format());
    assertThrows(CatalogException.class, () -> HiveDdl.table("CREATE TABLE p (a int) "
        + "STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat' OUTPUTFORMAT "
        + "'x' LOCATION 'p'"));
    assertThrows(CatalogException.class, () -> HiveDdl.table("CREATE TABLE p (a int) "
        + "LOCATION 'p' TBLPROPERTIES ('skip.footer.line.count'='1')"));
  }

  /** The repo's TPC-H DDL against the generator's own column list: names, order and types. */
  @Test
  void tpchDdlMatchesTheGeneratedTables() {
    Catalog c = TpchData.catalog();
    assertEquals(8, c.tables().size());
    for (TpchTable<?> gen : TpchData.tables()) {
      Table t = c.table(gen.getTableName());
      assertEquals(TpchData.file(gen.getTableName()).toString(), t.location());
      assertEquals('|', t.fieldDelimiter());
      assertTrue(t.external());
      assertEquals(gen.getColumns().size(), t.columns().size(), t.name());
      for (int i = 0; i < t.columns().size(); i++) {
        TpchColumn<?> g = gen.getColumns().get(i);
        Column col = t.columns().get(i);
        assertEquals(g.getColumnName(), col.name());
        String expected = TpchData.sqlType(g);
        String got = switch (col.type().kind()) {
          case BIGINT -> "BIGINT";
          case INT -> "INTEGER";
          case DECIMAL -> col.type().equals(DataType.decimal(15, 2)) ? "DECIMAL(15,2)" : "?";
          case DATE -> "DATE";
          case VARCHAR, CHAR, STRING -> "VARCHAR";
          default -> "?";
        };
        assertEquals(expected, got, col.name());
      }
    }
  }
}
