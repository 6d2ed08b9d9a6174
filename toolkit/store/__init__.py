"""The annotation store: records flattened into tables (:mod:`.tables`), written as Parquet parts and
queried with DuckDB (:mod:`.parquet`), reused across runs by an annotation cache (:mod:`.cache`), and
filled by the streaming, incremental annotation of a corpus (:mod:`.pipeline`)."""
from toolkit.store.parquet import STORE_DIR, Store, StoreWriter, is_store, open_store
from toolkit.store.tables import SCHEMAS, TABLES, record_rows

__all__ = ["Store", "StoreWriter", "open_store", "is_store", "STORE_DIR", "SCHEMAS", "TABLES", "record_rows"]
