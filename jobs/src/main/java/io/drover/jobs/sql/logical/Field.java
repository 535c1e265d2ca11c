package io.drover.jobs.sql.logical;

import io.drover.jobs.sql.catalog.DataType;

/**
 * One column of a plan node's output: the qualifier it can be named by (a table or its alias;
 * null for a computed column), its name and type.
 */
public record Field(String qualifier, String name, DataType type)
    implements java.io.Serializable {
  @Override
  public String toString() {
    return (qualifier == null ? "" : qualifier + ".") + name + " " + type;
  }
}
