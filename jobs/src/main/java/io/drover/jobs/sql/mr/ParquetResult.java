package io.drover.jobs.sql.mr;

import io.drover.jobs.sql.catalog.DataType;
import io.drover.jobs.sql.logical.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import io.drover.jobs.sql.runtime.Values;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes a query's result rows ({@code --output-format parquet}), one optional column per
 * result field: boolean; int as int32; bigint as int64; double; decimal(p,s) as a DECIMAL of int32
 * (p up to 9), int64 (up to 18) or a fixed-length binary; string, varchar and char as UTF8
 * binary; date as int32 DATE; timestamp as int64 TIMESTAMP(MICROS) not adjusted to UTC. Columns
 * are named as the result's fields; a repeated name gets {@code _2}, {@code _3}... (Parquet
 * needs them unique). The schema comes from the stage's plan in the job configuration.
 */
public final class ParquetResult extends WriteSupport<RowHolder> {
  private MessageType schema;
  private DataType[] types;
  private RecordConsumer out;

  /** The Parquet schema of a result of {@code fields}. */
  public static MessageType schema(List<Field> fields) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    Set<String> used = new HashSet<>();
    for (Field f : fields) {
      String name = f.name();
      for (int n = 2; !used.add(name.toLowerCase(Locale.ROOT)); n++) {
        name = f.name() + "_" + n;
      }
      DataType t = f.type();
      switch (t.kind()) {
        case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(name);
        case INT -> b.optional(PrimitiveTypeName.INT32).named(name);
        case BIGINT -> b.optional(PrimitiveTypeName.INT64).named(name);
        case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(name);
        case DECIMAL -> {
          LogicalTypeAnnotation d = LogicalTypeAnnotation.decimalType(t.scale(), t.precision());
          if (t.precision() <= 9) {
            b.optional(PrimitiveTypeName.INT32).as(d).named(name);
          } else if (t.precision() <= 18) {
            b.optional(PrimitiveTypeName.INT64).as(d).named(name);
          } else {
            b.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(bytes(t.precision()))
                .as(d).named(name);
          }
        }
        case DATE -> b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType())
            .named(name);
        case TIMESTAMP -> b.optional(PrimitiveTypeName.INT64).as(
            LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
            .named(name);
        // strings, and a column of NULLs only (type NULL)
        default -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(name);
      }
    }
    return b.named("result");
  }

  /** The bytes of a two's complement integer of {@code precision} decimal digits. */
  static int bytes(int precision) {
    return (int) Math.ceil((precision * Math.log(10) / Math.log(2) + 1) / 8);
  }

  @Override
  public WriteContext init(Configuration conf) {
    List<Field> fields = SqlConf.stage(conf, SqlConf.plan(conf)).schema();
    schema = schema(fields);
    types = fields.stream().map(Field::type).toArray(DataType[]::new);
    return new WriteContext(schema, Map.of());
  }

  @Override
  public void prepareForWrite(RecordConsumer consumer) {
    this.out = consumer;
  }

  @Override
  public void write(RowHolder holder) {
    Object[] row = holder.row;
    out.startMessage();
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      if (v == null) {
        continue;
      }
      String name = schema.getFieldName(i);
      out.startField(name, i);
      DataType t = types[i];
      switch (t.kind()) {
        case BOOLEAN -> out.addBoolean((Boolean) v);
        case INT -> out.addInteger(((Long) v).intValue());
        case BIGINT -> out.addLong((Long) v);
        case DOUBLE -> out.addDouble((Double) v);
        case DECIMAL -> {
          BigInteger u = ((BigDecimal) v).setScale(t.scale()).unscaledValue();
          if (t.precision() <= 9) {
            out.addInteger(u.intValueExact());
          } else if (t.precision() <= 18) {
            out.addLong(u.longValueExact());
          } else {
            out.addBinary(Binary.fromConstantByteArray(fixed(u, bytes(t.precision()))));
          }
        }
        case DATE -> out.addInteger((int) ((LocalDate) v).toEpochDay());
        case TIMESTAMP -> {
          LocalDateTime ts = (LocalDateTime) v;
          out.addLong(Math.addExact(Math.multiplyExact(ts.toEpochSecond(ZoneOffset.UTC),
              1_000_000L), ts.getNano() / 1_000));
        }
        default -> out.addBinary(Binary.fromString(Values.format(v, t))); // CHAR(n) padded
      }
      out.endField(name, i);
    }
    out.endMessage();
  }

  /** {@code u} big-endian in exactly {@code n} bytes, sign-extended. */
  static byte[] fixed(BigInteger u, int n) {
    byte[] b = u.toByteArray();
    byte[] r = new byte[n];
    byte pad = (byte) (u.signum() < 0 ? -1 : 0);
    int off = n - b.length;
    for (int i = 0; i < n; i++) {
      r[i] = i < off ? pad : b[i - off];
    }
    return r;
  }
}
