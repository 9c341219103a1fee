/**
 * The records of the index document (members, meetings, entries) that passed their
 * check in an earlier snapshot, kept by their Yjs map until the map changes. A
 * snapshot is rebuilt after every transaction on the index, and reading each of a
 * five-year notebook's thousands of records again (toJSON, then the check) was most of
 * the rebuild, though a transaction touches a handful (issue 16). What depends on more
 * than the record itself (who wrote which field, the writing rule) is still worked out
 * at every build.
 */
import * as Y from 'yjs';

/** Checked records by their map; forgotten when the map, or anything inside it, changes. */
export class CheckedRecords {
  private checked = new WeakMap<object, unknown>();

  /** The record `yRecord` held when last checked, if it has not changed since. */
  get(yRecord: Y.Map<unknown>): unknown {
    return this.checked.get(yRecord);
  }

  /** Remembers the checked form of `yRecord`. */
  keep(yRecord: Y.Map<unknown>, record: unknown): void {
    this.checked.set(yRecord, record);
  }

  /**
   * Forgets every record `transaction` changed: a changed type and each type above it
   * (a change deep inside a record changes the record). A transaction that deleted
   * without naming a changed type forgets everything, to be safe.
   */
  forgetChangedBy(transaction: Y.Transaction): void {
    if (transaction.changed.size === 0) {
      if (transaction.deleteSet.clients.size > 0) this.checked = new WeakMap();
      return;
    }
    for (const changed of transaction.changed.keys()) {
      let type: typeof changed | null = changed;
      while (type !== null) {
        this.checked.delete(type);
        const parent: unknown = type._item?.parent;
        type = parent instanceof Y.AbstractType ? parent : null;
      }
    }
  }
}
