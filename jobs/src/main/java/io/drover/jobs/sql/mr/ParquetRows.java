package io.drover.jobs.sql.mr;

import io.drover.jobs.sql.catalog.Column;
import io.drover.jobs.sql.catalog.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads the scanned columns of a Parquet table's file as Drover rows ({@code Object[]} in the
 * scan's column order, values as {@link io.drover.jobs.sql.runtime.Values} represents them,
 * NULL as null): only those columns are read (the requested schema is the file's schema cut to
 * them). A file's column is found by name, case-insensitively (Hive lower-cases names). What it
 * accepts for each declared type (anything else fails, naming the file and the column):
 *
 * <ul>
 *   <li>{@code boolean}: boolean; {@code int}: int32 (signed int8/16/32 or unannotated);
 *       {@code bigint}: int32, int64 (signed), unsigned int8/16/32;
 *   <li>{@code double}: double, float;
 *   <li>{@code decimal(p,s)}: a decimal (int32, int64, fixed or binary backed) of scale at most
 *       {@code s} and at most {@code p-s} integer digits (so that every value fits exactly);
 *   <li>{@code string}, {@code varchar(n)}, {@code char(n)}: binary, annotated UTF8 (STRING), ENUM,
 *       JSON or unannotated (read as UTF-8, as Hive does), varchar and char cut to their length;
 *   <li>{@code date}: int32 DATE; {@code timestamp}: int64 TIMESTAMP (millis, micros, nanos; as
 *       UTC wall time) or the legacy int96.
 * </ul>
 */
public final class ParquetRows extends ReadSupport<Object[]> {
  /** A file's schema that does not fit the table's DDL; one line, names the file and column. */
  public static final class SchemaMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SchemaMismatch(String message) {
      super(message);
    }
  }

  private final List<Column> columns;
  private final String file;

  /** Reads {@code columns} (of a Parquet table) from {@code file} (named in errors). */
  public ParquetRows(List<Column> columns, String file) {
    this.columns = List.copyOf(columns);
    this.file = file;
  }

  @Override
  public ReadContext init(InitContext context) {
    return new ReadContext(requested(context.getFileSchema(), columns, file));
  }

  @Override
  public RecordMaterializer<Object[]> prepareForRead(Configuration conf,
      Map<String, String> keyValueMetaData, MessageType fileSchema, ReadContext context) {
    RowConverter root = new RowConverter(context.getRequestedSchema(), columns);
    return new RecordMaterializer<>() {
      @Override
      public Object[] getCurrentRecord() {
        return root.row;
      }

      @Override
      public GroupConverter getRootConverter() {
        return root;
      }
    };
  }

  /**
   * The part of {@code fileSchema} that holds {@code columns}, in file order, each checked to
   * convert to its column's type.
   *
   * @throws SchemaMismatch naming {@code file} and the column that is missing or does not fit
   */
  public static MessageType requested(MessageType fileSchema, List<Column> columns, String file) {
    List<Type> fields = new ArrayList<>();
    for (Type t : fileSchema.getFields()) {
      Column c = column(columns, t.getName());
      if (c != null) {
        check(t, c, file);
        fields.add(t);
      }
    }
    for (Column c : columns) {
      if (fields.stream().noneMatch(t -> t.getName().equalsIgnoreCase(c.name()))) {
        throw new SchemaMismatch("parquet file " + file + " has no column " + c.name()
            + " (its columns: " + String.join(", ", fileSchema.getFields().stream()
                .map(Type::getName).toList()) + ")");
      }
    }
    return new MessageType(fileSchema.getName(), fields);
  }

  /**
   * The error to report for {@code e}, thrown reading {@code file}: a clear one when a ZSTD
   * codec's class is missing (the job jar leaves zstd-jni out), else null (rethrow {@code e}).
   */
  public static java.io.IOException zstdMissing(String file, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LinkageError && String.valueOf(t.getMessage()).contains("luben/zstd")) {
        return new java.io.IOException("parquet file " + file + " is ZSTD-compressed, which"
            + " Drover does not read (its job jar leaves zstd-jni out): write it with SNAPPY,"
            + " GZIP or no compression (" + t + ")"); // no cause: the reason is this message
      }
    }
    return null;
  }

  private static Column column(List<Column> columns, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Column c : columns) {
      if (c.name().equals(lower)) {
        return c;
      }
    }
    return null;
  }

  private static void check(Type t, Column c, String file) {
    if (!compatible(t, c.type())) {
      throw new SchemaMismatch("parquet file " + file + ": column " + c.name() + " is "
          + describe(t) + ", which does not read as " + c.type() + " (declared in the DDL)");
    }
  }

  private static String describe(Type t) {
    return t.toString().strip().replaceAll("\\s+", " ");
  }

  /** Whether a file's field reads as {@code type} (see the class comment). */
  static boolean compatible(Type t, DataType type) {
    if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
      return false;
    }
    PrimitiveType p = t.asPrimitiveType();
    PrimitiveTypeName n = p.getPrimitiveTypeName();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (type.kind()) {
      case BOOLEAN:
        return n == PrimitiveTypeName.BOOLEAN;
      case INT:
        return n == PrimitiveTypeName.INT32
            && (a == null || a instanceof IntLogicalTypeAnnotation i && i.isSigned());
      case BIGINT:
        if (n == PrimitiveTypeName.INT32) {
          return a == null || a instanceof IntLogicalTypeAnnotation;
        }
        return n == PrimitiveTypeName.INT64
            && (a == null || a instanceof IntLogicalTypeAnnotation i && i.isSigned());
      case DOUBLE:
        return n == PrimitiveTypeName.DOUBLE || n == PrimitiveTypeName.FLOAT;
      case DECIMAL:
        if (a instanceof DecimalLogicalTypeAnnotation d) {
          return d.getScale() <= type.scale()
              && d.getPrecision() - d.getScale() <= type.precision() - type.scale();
        }
        return false;
      case STRING:
      case VARCHAR:
      case CHAR:
        return n == PrimitiveTypeName.BINARY && (a == null
            || a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation);
      case DATE:
        return n == PrimitiveTypeName.INT32
            && a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
      case TIMESTAMP:
        return n == PrimitiveTypeName.INT96
            || n == PrimitiveTypeName.INT64 && a instanceof TimestampLogicalTypeAnnotation;
      default:
        return false;
    }
  }

  /** Assembles one row from the requested columns' values; fields absent stay NULL. */
  static final class RowConverter extends GroupConverter {
    private final Converter[] fields;
    private final int width;
    Object[] row;

    RowConverter(MessageType requested, List<Column> columns) {
      this.width = columns.size();
      this.fields = new Converter[requested.getFieldCount()];
      for (int i = 0; i < fields.length; i++) {
        Type t = requested.getType(i);
        Column c = column(columns, t.getName());
        fields[i] = new Field(this, columns.indexOf(c), t.asPrimitiveType(), c.type());
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return fields[fieldIndex];
    }

    @Override
    public void start() {
      row = new Object[width];
    }

    @Override
    public void end() {}
  }

  /** One column's values, converted to Drover's representation, into the row's slot. */
  static final class Field extends PrimitiveConverter {
    private final RowConverter owner;
    private final int slot;
    private final DataType type;
    private final int fileScale;
    private final long unitsPerSecond;
    /** An unsigned int32 (uint8/16/32): read as its unsigned value. */
    private final boolean unsigned;
    private Object[] dictionary;

    Field(RowConverter owner, int slot, PrimitiveType p, DataType type) {
      this.owner = owner;
      this.slot = slot;
      this.type = type;
      LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
      this.fileScale = a instanceof DecimalLogicalTypeAnnotation d ? d.getScale() : 0;
      this.unsigned = a instanceof IntLogicalTypeAnnotation i && !i.isSigned();
      long units = 0;
      if (a instanceof TimestampLogicalTypeAnnotation ts) {
        units = switch (ts.getUnit()) {
          case MILLIS -> 1_000L;
          case MICROS -> 1_000_000L;
          case NANOS -> 1_000_000_000L;
        };
      }
      this.unitsPerSecond = units;
    }

    private void set(Object v) {
      owner.row[slot] = v;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary d) {
      dictionary = new Object[d.getMaxId() + 1];
      for (int i = 0; i < dictionary.length; i++) {
        dictionary[i] = fromDictionary(d, i);
      }
    }

    private Object fromDictionary(Dictionary d, int id) {
      switch (type.kind()) {
        case BOOLEAN:
          return d.decodeToBoolean(id);
        case INT:
        case BIGINT:
          return unsigned ? Integer.toUnsignedLong(d.decodeToInt(id)) : longOf(d, id);
        case DOUBLE:
          try {
            return d.decodeToDouble(id);
          } catch (UnsupportedOperationException e) {
            return (double) d.decodeToFloat(id);
          }
        case DECIMAL:
          try {
            return decimal(d.decodeToBinary(id));
          } catch (UnsupportedOperationException e) {
            return decimal(longOf(d, id));
          }
        case DATE:
          return LocalDate.ofEpochDay(d.decodeToInt(id));
        case TIMESTAMP:
          try {
            return timestamp(d.decodeToLong(id));
          } catch (UnsupportedOperationException e) {
            return int96(d.decodeToBinary(id));
          }
        default:
          return text(d.decodeToBinary(id));
      }
    }

    private static long longOf(Dictionary d, int id) {
      try {
        return d.decodeToLong(id);
      } catch (UnsupportedOperationException e) {
        return d.decodeToInt(id);
      }
    }

    @Override
    public void addValueFromDictionary(int id) {
      set(dictionary[id]);
    }

    @Override
    public void addBoolean(boolean v) {
      set(v);
    }

    @Override
    public void addInt(int v) {
      switch (type.kind()) {
        case DATE -> set(LocalDate.ofEpochDay(v));
        case DECIMAL -> set(decimal(v));
        default -> set(unsigned ? Integer.toUnsignedLong(v) : (long) v);
      }
    }

    @Override
    public void addLong(long v) {
      switch (type.kind()) {
        case DECIMAL -> set(decimal(v));
        case TIMESTAMP -> set(timestamp(v));
        default -> set(v);
      }
    }

    @Override
    public void addFloat(float v) {
      set((double) v);
    }

    @Override
    public void addDouble(double v) {
      set(v);
    }

    @Override
    public void addBinary(Binary v) {
      switch (type.kind()) {
        case DECIMAL -> set(decimal(v));
        case TIMESTAMP -> set(int96(v));
        default -> set(text(v));
      }
    }

    private BigDecimal decimal(long unscaled) {
      return BigDecimal.valueOf(unscaled, fileScale).setScale(type.scale());
    }

    private BigDecimal decimal(Binary b) {
      return new BigDecimal(new BigInteger(b.getBytes()), fileScale).setScale(type.scale());
    }

    private LocalDateTime timestamp(long v) {
      long seconds = Math.floorDiv(v, unitsPerSecond);
      long nanos = Math.floorMod(v, unitsPerSecond) * (1_000_000_000L / unitsPerSecond);
      return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }

    /** The legacy int96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
    private static LocalDateTime int96(Binary b) {
      ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      long nanos = buf.getLong();
      int julian = buf.getInt();
      return LocalDate.ofEpochDay(julian - 2_440_588L).atStartOfDay().plusNanos(nanos);
    }

    private Object text(Binary b) {
      String s = b.toStringUsingUTF8();
      if (type.kind() == DataType.Kind.CHAR) {
        return io.drover.jobs.sql.runtime.Values.fixedChar(s, type); // as a text table holds it
      }
      if (type.kind() == DataType.Kind.VARCHAR && s.length() > type.length()) {
        return s.substring(0, type.length());
      }
      return s;
    }
  }
}
