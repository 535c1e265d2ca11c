package io.drover.jobs.sql.parse;

import io.drover.jobs.sql.catalog.Catalog;
import io.drover.jobs.sql.catalog.CatalogException;
import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.catalog.InputFormats;
import io.drover.jobs.sql.catalog.Table;
import io.drover.jobs.sql.catalog.TableFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;

/**
 * Hive's table DDL: {@code CREATE [EXTERNAL] TABLE [IF NOT EXISTS] name (col type, ...) [COMMENT
 * 'text'] [ROW FORMAT DELIMITED [FIELDS TERMINATED BY 'c'] [LINES TERMINATED BY '\n'] | ROW
 * FORMAT SERDE 'class' [WITH SERDEPROPERTIES ('k'='v', ...)]] [STORED AS TEXTFILE | PARQUET |
 * JSONFILE | APACHELOG] [TBLPROPERTIES ('skip.header.line.count'='1')] LOCATION 'path'},
 * statements separated by {@code ;}, with {@code --} and {@code /* *}{@code /} comments. The
 * SerDes read: {@value #OPEN_CSV_SERDE} (CSV; separatorChar, quoteChar {@code "} only) and the
 * JSON SerDes {@link #JSON_SERDES}; {@code STORED AS APACHELOG} (a Drover shorthand) takes no
 * column list, its columns fixed as {@code aggregate --format apache} names them.
 *
 * <p>JSqlParser 5.3 reads {@code CREATE [EXTERNAL] TABLE name (columns)} but none of Hive's
 * storage clauses after the column list, so a small pre-pass cuts each statement at the column
 * list's closing parenthesis: JSqlParser parses the head, {@link #parseTail} the storage clauses.
 * Types: {@code boolean, int (integer), bigint, double, decimal[(p[,s])] (Hive's default
 * decimal(10,0)), string, varchar(n), char(n), date, timestamp}. Everything else (PARTITIONED BY,
 * other SerDes, other table properties, other types) is refused by a one-line {@link
 * CatalogException} that names the statement and the bad part.
 */
public final class HiveDdl {
  private static final Pattern TYPE = Pattern.compile(
      "\\s*([a-z]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");
  /** A CREATE TABLE whose name is followed by a storage clause, not a column list. */
  private static final Pattern NO_COLUMNS = Pattern.compile("(?is)create\\s+(external\\s+)?table"
      + "\\s+(if\\s+not\\s+exists\\s+)?(`[^`]+`|[\\w.]+)\\s+(?=(row|stored|location|comment|"
      + "tblproperties)\\b)");
  /** Hive's CSV SerDe. */
  public static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
  /** Hive's JSON SerDes (HCatalog's, and Hive 4's own that STORED AS JSONFILE names). */
  public static final List<String> JSON_SERDES = List.of("org.apache.hive.hcatalog.data.JsonSerDe",
      "org.apache.hadoop.hive.serde2.JsonSerDe");
  private static final String TYPES =
      "boolean, int, bigint, double, decimal(p,s), string, varchar(n), char(n), date, timestamp";

  private HiveDdl() {}

  /**
   * Adds the tables of a DDL script to {@code catalog}.
   *
   * @param script the statements, {@code ;}-separated
   * @param source the script's name for messages (a file name)
   * @return {@code catalog} with the script's tables
   * @throws CatalogException one line naming the source, the statement (number, line, table) and
   *     what is wrong
   */
  public static Catalog addTables(Catalog catalog, String script, String source) {
    int n = 0;
    for (Stmt s : split(script)) {
      n++;
      String where = source + " statement " + n + " (line " + s.line + ")";
      Table table;
      try {
        table = table(s.text);
      } catch (CatalogException e) {
        throw new CatalogException(where + ": " + e.getMessage());
      }
      if (catalog.find(table.name()).isPresent()) {
        if (s.ifNotExists) {
          continue;
        }
        throw new CatalogException(where + ": table " + table.name()
            + " is defined twice (drop one, or write CREATE TABLE IF NOT EXISTS)");
      }
      catalog = catalog.with(table);
    }
    return catalog;
  }

  /**
   * One {@code CREATE TABLE} statement (without its {@code ;}).
   *
   * @throws CatalogException one line naming the table and the bad part
   */
  public static Table table(String statement) {
    String sql = stripComments(statement).strip();
    if (!sql.regionMatches(true, 0, "create", 0, 6)) {
      throw new CatalogException("only CREATE [EXTERNAL] TABLE defines a table; found '"
          + abbreviate(sql) + "'");
    }
    Matcher noColumns = NO_COLUMNS.matcher(sql);
    if (noColumns.lookingAt()) { // STORED AS APACHELOG: the log's columns are fixed
      String name = unquote(noColumns.group(3));
      boolean external = noColumns.group(1) != null;
      try {
        return parseTail(name, List.of(), external, sql.substring(noColumns.end()));
      } catch (CatalogException e) {
        throw new CatalogException("table " + name + ": " + e.getMessage());
      }
    }
    int open = indexOutsideQuotes(sql, '(', 0);
    int close = open < 0 ? -1 : matchingParen(sql, open);
    if (close < 0) {
      throw new CatalogException("no (column type, ...) list in '" + abbreviate(sql) + "'");
    }
    String head = sql.substring(0, close + 1);
    Statement parsed;
    try {
      parsed = CCJSqlParserUtil.parse(head.replace('`', '"'));
    } catch (JSQLParserException e) {
      throw new CatalogException("cannot parse '" + abbreviate(head) + "': " + firstLine(e));
    }
    if (!(parsed instanceof CreateTable create) || create.getColumnDefinitions() == null) {
      throw new CatalogException("only CREATE [EXTERNAL] TABLE name (column type, ...) defines a "
          + "table; found '" + abbreviate(head) + "'");
    }
    String name = unquote(create.getTable().getName());
    if (create.getTable().getSchemaName() != null) {
      name = unquote(create.getTable().getSchemaName()) + "." + name;
    }
    boolean external = create.getCreateOptionsStrings() != null
        && create.getCreateOptionsStrings().stream().anyMatch(o -> o.equalsIgnoreCase("external"));
    List<Column> columns = new ArrayList<>();
    for (ColumnDefinition def : create.getColumnDefinitions()) {
      String column = unquote(def.getColumnName());
      if (columns.stream().anyMatch(c -> c.name().equals(column))) {
        throw new CatalogException("table " + name + ": two columns named " + column);
      }
      columns.add(new Column(column, type(name, column, def.getColDataType())));
    }
    try {
      return parseTail(name, columns, external, sql.substring(close + 1));
    } catch (CatalogException e) {
      throw new CatalogException("table " + name + ": " + e.getMessage());
    }
  }

  static DataType type(String table, String column, ColDataType colType) {
    String text = colType.getDataType();
    if (colType.getArgumentsStringList() != null && !colType.getArgumentsStringList().isEmpty()) {
      text += "(" + String.join(",", colType.getArgumentsStringList()) + ")";
    }
    String lower = text.toLowerCase(Locale.ROOT);
    Matcher m = TYPE.matcher(lower);
    String bad = "table " + table + ": column " + column + " has type " + lower.replace(" ", "");
    if (!m.matches()) {
      throw new CatalogException(bad + "; use one of " + TYPES);
    }
    String base = m.group(1);
    Integer a = m.group(2) == null ? null : Integer.valueOf(m.group(2));
    Integer b = m.group(3) == null ? null : Integer.valueOf(m.group(3));
    try {
      DataType plain = switch (base) {
        case "boolean" -> DataType.BOOLEAN;
        case "int", "integer" -> DataType.INT;
        case "bigint" -> DataType.BIGINT;
        case "double" -> DataType.DOUBLE;
        case "string" -> DataType.STRING;
        case "date" -> DataType.DATE;
        case "timestamp" -> DataType.TIMESTAMP;
        default -> null;
      };
      if (plain != null) {
        if (a != null) {
          throw new CatalogException(bad + "; " + base + " takes no (...)");
        }
        return plain;
      }
      switch (base) {
        case "decimal":
          return DataType.decimal(a == null ? 10 : a, b == null ? 0 : b);
        case "varchar":
        case "char":
          if (a == null || b != null) {
            throw new CatalogException(bad + "; write " + base + "(length)");
          }
          return base.equals("char") ? DataType.fixedChar(a) : DataType.varchar(a);
        default:
          throw new CatalogException(bad + "; use one of " + TYPES);
      }
    } catch (IllegalArgumentException e) {
      throw new CatalogException("table " + table + ": column " + column + ": " + e.getMessage());
    }
  }

  /** Hive's clauses after the column list, in any order, each at most once. */
  static Table parseTail(String name, List<Column> columns, boolean external, String tail) {
    List<String> t = tokens(tail);
    TableFormat format = null;
    Character delimiter = null;
    String location = null;
    String serde = null;
    Map<String, String> serdeProps = Map.of();
    Map<String, String> tblProps = null;
    boolean rowFormat = false;
    boolean comment = false;
    int i = 0;
    while (i < t.size()) {
      String word = t.get(i).toUpperCase(Locale.ROOT);
      if (word.equals("ROW")) {
        expect(t, i + 1, "FORMAT");
        if (rowFormat) {
          throw new CatalogException("ROW FORMAT given twice");
        }
        rowFormat = true;
        String kind = at(t, i + 2, "DELIMITED or SERDE");
        if (kind.equalsIgnoreCase("SERDE")) {
          serde = literal(t, i + 3, "ROW FORMAT SERDE");
          i += 4;
          if (i < t.size() && t.get(i).equalsIgnoreCase("WITH")) {
            expect(t, i + 1, "SERDEPROPERTIES");
            serdeProps = new LinkedHashMap<>();
            i = properties(t, i + 2, "SERDEPROPERTIES", serdeProps);
          }
          continue;
        }
        if (!kind.equalsIgnoreCase("DELIMITED")) {
          throw new CatalogException("ROW FORMAT " + kind + " is not supported; use ROW FORMAT "
              + "DELIMITED FIELDS TERMINATED BY 'c' or ROW FORMAT SERDE '" + OPEN_CSV_SERDE + "'");
        }
        i += 3;
        while (i < t.size()) {
          String sub = t.get(i).toUpperCase(Locale.ROOT);
          if (sub.equals("FIELDS")) {
            expect(t, i + 1, "TERMINATED");
            expect(t, i + 2, "BY");
            String literal = literal(t, i + 3, "FIELDS TERMINATED BY");
            delimiter = delimiter(literal);
            i += 4;
          } else if (sub.equals("LINES")) {
            expect(t, i + 1, "TERMINATED");
            expect(t, i + 2, "BY");
            String literal = literal(t, i + 3, "LINES TERMINATED BY");
            if (!literal.equals("\\n") && !literal.equals("\n")) {
              throw new CatalogException("LINES TERMINATED BY '" + literal
                  + "': Hive supports only '\\n'");
            }
            i += 4;
          } else if (sub.equals("ESCAPED") || sub.equals("COLLECTION") || sub.equals("MAP")
              || sub.equals("NULL")) {
            throw new CatalogException("ROW FORMAT DELIMITED ... " + sub + " is not supported");
          } else {
            break;
          }
        }
      } else if (word.equals("STORED")) {
        expect(t, i + 1, "AS");
        if (format != null) {
          throw new CatalogException("STORED AS given twice");
        }
        String f = at(t, i + 2, STORED_AS).toUpperCase(Locale.ROOT);
        if (f.equals("INPUTFORMAT")) { // as SHOW CREATE TABLE prints it
          String in = literal(t, i + 3, "STORED AS INPUTFORMAT");
          expect(t, i + 4, "OUTPUTFORMAT");
          literal(t, i + 5, "OUTPUTFORMAT");
          format = switch (in) {
            case "org.apache.hadoop.mapred.TextInputFormat" -> TableFormat.TEXTFILE;
            case "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat" ->
                TableFormat.PARQUET;
            default -> throw new CatalogException("STORED AS INPUTFORMAT '" + in + "' is not "
                + "supported; use org.apache.hadoop.mapred.TextInputFormat or STORED AS "
                + STORED_AS);
          };
          i += 6;
          continue;
        }
        format = switch (f) {
          case "TEXTFILE" -> TableFormat.TEXTFILE;
          case "PARQUET" -> TableFormat.PARQUET;
          case "JSONFILE" -> TableFormat.JSONFILE;
          case "APACHELOG" -> TableFormat.APACHELOG;
          default -> throw new CatalogException("STORED AS " + t.get(i + 2)
              + " is not supported; use STORED AS " + STORED_AS);
        };
        i += 3;
      } else if (word.equals("TBLPROPERTIES")) {
        if (tblProps != null) {
          throw new CatalogException("TBLPROPERTIES given twice");
        }
        tblProps = new LinkedHashMap<>();
        i = properties(t, i + 1, "TBLPROPERTIES", tblProps);
      } else if (word.equals("LOCATION")) {
        if (location != null) {
          throw new CatalogException("LOCATION given twice");
        }
        location = literal(t, i + 1, "LOCATION");
        if (location.isBlank()) {
          throw new CatalogException("LOCATION '' is empty; give the table's file or dir");
        }
        i += 2;
      } else if (word.equals("COMMENT") && !comment) {
        literal(t, i + 1, "COMMENT");
        comment = true;
        i += 2;
      } else {
        throw new CatalogException("'" + t.get(i) + "' is not supported here; after the columns "
            + "come [COMMENT 'text'] [ROW FORMAT DELIMITED FIELDS TERMINATED BY 'c' | ROW FORMAT "
            + "SERDE 'class' [WITH SERDEPROPERTIES (...)]] [STORED AS " + STORED_AS
            + "] [TBLPROPERTIES (...)] LOCATION 'path'");
      }
    }
    if (location == null) {
      throw new CatalogException("no LOCATION; add LOCATION 'path' (the table's file or dir)");
    }
    if (serde != null) {
      TableFormat bySerde = serdeFormat(serde, serdeProps);
      if (format != null && format != TableFormat.TEXTFILE && format != bySerde) {
        throw new CatalogException("ROW FORMAT SERDE '" + serde + "' cannot be STORED AS "
            + format + "; leave STORED AS out or write STORED AS TEXTFILE");
      }
      format = bySerde;
      if (format == TableFormat.CSV) {
        delimiter = serdeProps.containsKey("separatorchar")
            ? csvChar(serdeProps.get("separatorchar"), "separatorChar") : ',';
      }
    }
    if (format == null) {
      format = TableFormat.TEXTFILE;
    }
    if (delimiter != null && serde == null && format != TableFormat.TEXTFILE) {
      throw new CatalogException("ROW FORMAT DELIMITED cannot be STORED AS " + format
          + " (a delimiter is for text tables)");
    }
    int header = header(tblProps == null ? Map.of() : tblProps, format);
    if (format == TableFormat.APACHELOG) {
      List<Column> fixed = InputFormats.apacheColumns();
      if (!columns.isEmpty() && !columns.equals(fixed)) {
        throw new CatalogException("STORED AS APACHELOG has fixed columns (" + describe(fixed)
            + "); leave the column list out or give exactly these");
      }
      columns = fixed;
    } else if (columns.isEmpty()) {
      throw new CatalogException("no (column type, ...) list; only STORED AS APACHELOG has "
          + "fixed columns");
    }
    return new Table(name.toLowerCase(Locale.ROOT), columns, format,
        delimiter == null ? (format == TableFormat.TSV ? '\t' : Table.HIVE_DEFAULT_DELIMITER)
            : delimiter, location, external, header);
  }

  private static final String STORED_AS = "TEXTFILE, PARQUET, JSONFILE or APACHELOG";

  /** The format a SerDe class reads (its properties checked). */
  private static TableFormat serdeFormat(String serde, Map<String, String> props) {
    if (serde.equals(OPEN_CSV_SERDE)) {
      for (Map.Entry<String, String> p : props.entrySet()) {
        switch (p.getKey()) {
          case "separatorchar":
            break;
          case "quotechar":
            if (csvChar(p.getValue(), "quoteChar") != '"') {
              throw new CatalogException("SERDEPROPERTIES quoteChar '" + p.getValue()
                  + "': Drover reads CSV as RFC 4180, whose quote is \"");
            }
            break;
          case "escapechar":
            if (csvChar(p.getValue(), "escapeChar") != '"') {
              throw new CatalogException("SERDEPROPERTIES escapeChar '" + p.getValue()
                  + "' is not supported: Drover reads CSV as RFC 4180, where a quote inside a "
                  + "quoted field is doubled (\"\"); leave escapeChar out");
            }
            break;
          default:
            throw new CatalogException("SERDEPROPERTIES '" + p.getKey() + "' is not supported "
                + "by " + OPEN_CSV_SERDE + "; use separatorChar (and quoteChar \")");
        }
      }
      return TableFormat.CSV;
    }
    if (JSON_SERDES.contains(serde)) {
      if (!props.isEmpty()) {
        throw new CatalogException("SERDEPROPERTIES " + props.keySet() + " are not supported "
            + "for JSON tables");
      }
      return TableFormat.JSONFILE;
    }
    throw new CatalogException("ROW FORMAT SERDE '" + serde + "' is not supported; use '"
        + OPEN_CSV_SERDE + "' (CSV), '" + JSON_SERDES.get(0) + "' (JSON lines), ROW FORMAT "
        + "DELIMITED, or STORED AS PARQUET, JSONFILE or APACHELOG");
  }

  /** A SerDe property's one character (escapes as {@link #delimiter} reads them). */
  private static char csvChar(String value, String name) {
    char c;
    try {
      c = delimiter(value);
    } catch (CatalogException e) {
      throw new CatalogException("SERDEPROPERTIES " + name + " '" + value
          + "': give one character (or \\t)");
    }
    if (name.equals("separatorChar")
        && !io.drover.jobs.aggregate.input.CsvRecords.usableDelimiter(c)) {
      throw new CatalogException("SERDEPROPERTIES separatorChar '" + value + "' cannot separate "
          + "CSV fields; give an ASCII character other than a quote or a line break");
    }
    return c;
  }

  /**
   * Table properties that Hive's metastore keeps about a table (SHOW CREATE TABLE prints them)
   * and that do not change how its files read: accepted and ignored (keys lower case).
   */
  private static final java.util.Set<String> METADATA = java.util.Set.of("bucketing_version",
      "transient_lastddltime", "column_stats_accurate", "numfiles", "numrows", "rawdatasize",
      "totalsize", "numfileserasurecoded", "last_modified_by", "last_modified_time", "comment",
      "external", "external.table.purge");

  /** {@code skip.header.line.count} (0 or 1) of a format that has header lines. */
  private static int header(Map<String, String> props, TableFormat format) {
    int header = 0;
    for (Map.Entry<String, String> p : props.entrySet()) {
      if (p.getKey().equals("skip.header.line.count")) {
        String v = p.getValue().strip();
        if (!v.equals("0") && !v.equals("1")) {
          throw new CatalogException("TBLPROPERTIES skip.header.line.count '" + v
              + "': Drover skips 0 or 1 header line");
        }
        header = Integer.parseInt(v);
        if (header > 0 && !format.hasHeader()) {
          throw new CatalogException("TBLPROPERTIES skip.header.line.count: a "
              + format.label() + " table has no header line");
        }
      } else if (p.getKey().equals("skip.footer.line.count") && p.getValue().strip().equals("0")) {
        continue; // no footer
      } else if (!METADATA.contains(p.getKey())) {
        throw new CatalogException("TBLPROPERTIES '" + p.getKey() + "' is not supported; "
            + "Drover reads skip.header.line.count");
      }
    }
    return header;
  }

  /**
   * {@code ( 'k' = 'v' [, ...] )} from token {@code i}; keys lower case (Hive's SerDe property
   * names are case-insensitive for OpenCSVSerde's), values unquoted; the index after it.
   */
  private static int properties(List<String> t, int i, String clause, Map<String, String> out) {
    String open = at(t, i, "(");
    if (!open.equals("(")) {
      throw new CatalogException(clause + " needs ('key'='value', ...), found '" + open + "'");
    }
    i++;
    while (true) {
      String key = literal(t, i, clause + " key").toLowerCase(Locale.ROOT);
      expect(t, i + 1, "=");
      String value = literal(t, i + 2, clause + " '" + key + "'=");
      if (out.put(key, value) != null) {
        throw new CatalogException(clause + " '" + key + "' given twice");
      }
      String next = at(t, i + 3, ") or ,");
      i += 4;
      if (next.equals(")")) {
        return i;
      }
      if (!next.equals(",")) {
        throw new CatalogException(clause + ": expected , or ) after '" + key + "', found '"
            + next + "'");
      }
    }
  }

  private static String describe(List<Column> columns) {
    return String.join(", ", columns.stream().map(Column::toString).toList());
  }

  /** Hive's delimiter literal: one character, or an escape ({@code \t}, {@code \001}, ...). */
  static char delimiter(String literal) {
    String bad = "FIELDS TERMINATED BY '" + literal + "': ";
    if (literal.length() == 1) {
      return literal.charAt(0);
    }
    if (literal.length() >= 2 && literal.charAt(0) == '\\') {
      String rest = literal.substring(1);
      if (rest.matches("[0-7]{1,3}")) {
        int code = Integer.parseInt(rest, 8);
        if (code < 128) {
          return (char) code;
        }
      }
      if (rest.length() == 1) {
        switch (rest.charAt(0)) {
          case 't':
            return '\t';
          case '\\':
            return '\\';
          case '\'':
            return '\'';
          case '"':
            return '"';
          default:
            break;
        }
      }
      throw new CatalogException(bad + "unknown escape; use one character, \\t or an octal "
          + "code such as \\001");
    }
    throw new CatalogException(bad + "give one character (or \\t, \\001)");
  }

  private static void expect(List<String> t, int i, String word) {
    String got = at(t, i, word);
    if (!got.equalsIgnoreCase(word)) {
      throw new CatalogException("expected " + word + " after " + t.get(i - 1) + ", found '"
          + got + "'");
    }
  }

  private static String at(List<String> t, int i, String wanted) {
    if (i >= t.size()) {
      throw new CatalogException("expected " + wanted + " after " + t.get(i - 1)
          + ", found the end of the statement");
    }
    return t.get(i);
  }

  private static String literal(List<String> t, int i, String clause) {
    if (i >= t.size()) {
      throw new CatalogException(clause + " needs a quoted string, found the end of the statement");
    }
    String tok = t.get(i);
    if (tok.length() < 2 || (tok.charAt(0) != '\'' && tok.charAt(0) != '"')) {
      throw new CatalogException(clause + " needs a quoted string, found '" + tok + "'");
    }
    return tok.substring(1, tok.length() - 1);
  }

  /** Words and quoted strings (kept with their quotes, escapes left as written). */
  static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        if (j >= s.length()) {
          throw new CatalogException("unterminated string " + abbreviate(s.substring(i)));
        }
        out.add(s.substring(i, j + 1));
        i = j + 1;
      } else if (c == '(' || c == ')' || c == ',' || c == '=') {
        out.add(String.valueOf(c));
        i++;
      } else {
        int j = i;
        while (j < s.length() && !Character.isWhitespace(s.charAt(j))
            && "'\"(),=".indexOf(s.charAt(j)) < 0) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  /** A statement of a script: its text (comments dropped), first line, IF NOT EXISTS. */
  public record Stmt(String text, int line, boolean ifNotExists) {}

  /** The script's statements with the line each starts on; comments and blanks dropped. */
  public static List<Stmt> split(String script) {
    List<Stmt> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int line = 1;
    int start = -1;
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
        while (i < script.length() && script.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '/' && i + 1 < script.length() && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        end = end < 0 ? script.length() : end + 2;
        for (int k = i; k < end; k++) {
          line += script.charAt(k) == '\n' ? 1 : 0;
        }
        cur.append(' ');
        i = end;
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < script.length() && script.charAt(j) != c) {
          j += script.charAt(j) == '\\' && c != '`' ? 2 : 1;
        }
        j = Math.min(j + 1, script.length());
        if (start < 0) {
          start = line;
        }
        for (int k = i; k < j; k++) {
          line += script.charAt(k) == '\n' ? 1 : 0;
        }
        cur.append(script, i, j);
        i = j;
        continue;
      }
      if (c == ';') {
        add(out, cur, start);
        cur.setLength(0);
        start = -1;
      } else {
        if (start < 0 && !Character.isWhitespace(c)) {
          start = line;
        }
        cur.append(c);
      }
      line += c == '\n' ? 1 : 0;
      i++;
    }
    add(out, cur, start);
    return out;
  }

  private static void add(List<Stmt> out, StringBuilder cur, int line) {
    String text = cur.toString().strip();
    if (!text.isEmpty()) {
      boolean ifNotExists = text.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT)
          .matches("CREATE (EXTERNAL )?TABLE IF NOT EXISTS .*");
      out.add(new Stmt(text, line, ifNotExists));
    }
  }

  private static String stripComments(String sql) {
    StringBuilder b = new StringBuilder();
    for (Stmt s : split(sql)) {
      b.append(b.length() == 0 ? "" : ";").append(s.text);
    }
    return b.toString();
  }

  private static int indexOutsideQuotes(String s, char wanted, int from) {
    char quote = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int matchingParen(String s, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String unquote(String name) {
    String n = name;
    if (n.length() >= 2 && (n.charAt(0) == '"' || n.charAt(0) == '`')
        && n.charAt(n.length() - 1) == n.charAt(0)) {
      n = n.substring(1, n.length() - 1);
    }
    return n.toLowerCase(Locale.ROOT);
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).replaceFirst("^[\\w.$]+Exception: ", "").strip();
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= 60 ? one : one.substring(0, 57) + "...";
  }
}
