package io.drover.jobs.aggregate.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.jobs.aggregate.expr.Type;
import io.drover.jobs.aggregate.expr.Values;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON lines with Jackson: one object per line; a nested field is the column {@code a.b}. A
 * missing field or JSON null is NULL. Numbers, strings and booleans convert to the column type
 * as a cast would; an object or array is its JSON text for a string column.
 */
public final class JsonLineParser implements RecordParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Schema schema;
  private final String[][] paths;
  private final Converter converter;
  private final ZoneId zone;
  private final boolean ignoreCase;

  public JsonLineParser(Schema schema, ZoneId zone) {
    this(schema, zone, false);
  }

  /**
   * {@code ignoreCase}: a field not found by its exact name is looked up ignoring case (as Hive's
   * JsonSerDe matches its lower-case column names to the objects' keys).
   */
  public JsonLineParser(Schema schema, ZoneId zone, boolean ignoreCase) {
    this.ignoreCase = ignoreCase;
    this.schema = schema;
    this.zone = zone;
    this.converter = new Converter(zone, schema.size());
    this.paths = new String[schema.size()][];
    for (int i = 0; i < schema.size(); i++) {
      paths[i] = schema.get(i).name().split("\\.", -1);
    }
  }

  static JsonNode object(String line) throws BadRecordException {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      String m = e.getOriginalMessage();
      throw new BadRecordException(BadRecordException.Reason.INVALID_JSON, "invalid JSON: "
          + (m.length() > 120 ? m.substring(0, 120) + "..." : m));
    }
    if (n == null || !n.isObject()) {
      throw new BadRecordException(BadRecordException.Reason.NOT_A_JSON_OBJECT,
          "not a JSON object" + (n == null ? " (empty line)" : ": " + n.getNodeType()));
    }
    return n;
  }

  @Override
  public Object[] parse(String line) throws BadRecordException {
    JsonNode root = object(line);
    Object[] row = new Object[schema.size()];
    for (int i = 0; i < row.length; i++) {
      JsonNode n = root;
      for (String p : paths[i]) {
        n = n == null ? null : n.get(p);
      }
      if (n == null || n.isNull()) {
        n = root.get(schema.get(i).name()); // a field whose own name has a dot
      }
      if (ignoreCase && (n == null || n.isNull())) {
        n = ignoringCase(root, paths[i]);
      }
      row[i] = value(n, schema.get(i).type(), i);
    }
    return row;
  }

  /** The field at {@code path}, each step's key matched ignoring case, or null. */
  private static JsonNode ignoringCase(JsonNode root, String[] path) {
    JsonNode n = root;
    for (int i = 0; i < path.length && n != null; i++) {
      JsonNode next = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext() && next == null;) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equalsIgnoreCase(path[i])) {
          next = e.getValue();
        }
      }
      n = next;
    }
    return n;
  }

  private Object value(JsonNode n, Type t, int col) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isTextual() && t != Type.STRING) {
      return converter.convert(n.asText(), t, col);
    }
    converter.tally.seen(col);
    switch (t) {
      case STRING:
        return n.isValueNode() ? n.asText() : n.toString();
      case LONG:
        if (n.isIntegralNumber() && n.canConvertToLong()) {
          return n.longValue();
        }
        if (n.isNumber()) {
          return Values.doubleToLong(n.doubleValue());
        }
        break;
      case DOUBLE:
        if (n.isNumber()) {
          return n.doubleValue();
        }
        break;
      case BOOLEAN:
        if (n.isBoolean()) {
          return n.booleanValue();
        }
        break;
      case TIMESTAMP:
        if (n.isNumber()) {
          return Values.toTimestamp(n.doubleValue(), Type.DOUBLE, zone);
        }
        break;
      default:
        break;
    }
    converter.tally.bad(col, n.toString());
    return null;
  }

  @Override
  public long badValues() {
    return converter.bad();
  }

  @Override
  public ValueTally valueTally() {
    return converter.tally;
  }

  /** Adds the fields of one object to {@code types}: nested objects flattened to dotted names. */
  static void inferInto(JsonNode obj, String prefix, Map<String, Type> types) {
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = prefix + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject() && v.size() > 0) {
        inferInto(v, name + ".", types);
        continue;
      }
      Type t;
      if (v.isNull()) {
        t = null;
      } else if (v.isIntegralNumber()) {
        t = v.canConvertToLong() ? Type.LONG : Type.DOUBLE;
      } else if (v.isNumber()) {
        t = Type.DOUBLE;
      } else if (v.isBoolean()) {
        t = Type.BOOLEAN;
      } else {
        t = Type.STRING;
      }
      if (!types.containsKey(name)) {
        types.put(name, t);
      } else {
        types.put(name, Converter.widen(types.get(name), t));
      }
    }
  }

  /** Spark's JSON inference: numbers, booleans and strings as they appear (no timestamp guess). */
  public static Schema infer(List<String> lines) {
    Map<String, Type> types = new LinkedHashMap<>();
    for (String l : lines) {
      try {
        inferInto(object(l), "", types);
      } catch (BadRecordException e) {
        // bad lines are reported when the job reads them
      }
    }
    List<Schema.Field> fields = new java.util.ArrayList<>();
    types.forEach((k, v) -> fields.add(new Schema.Field(k, v == null ? Type.STRING : v)));
    return new Schema(fields);
  }
}
