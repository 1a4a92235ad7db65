/**
 * How values are read and written as text: durations ("30s", "1m30s"), byte sizes, JSON output. Uses only
 * the root package (its exceptions).
 */
package dev.tether.killer.text;
