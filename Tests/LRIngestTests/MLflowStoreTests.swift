import LRIngest
import Testing
import TestSupport

@Suite struct MLflowStoreTests {
    @Test func recognizesAnSQLiteFileByItsHeader() throws {
        #expect(MLflowStore.looksLikeSQLite(try Fixtures.bytes("mlflow/digits-sqlite/mlflow.db")))
        #expect(!MLflowStore.looksLikeSQLite(try Fixtures.bytes("mlflow/digits-sqlite/raw.csv")))
        #expect(!MLflowStore.looksLikeSQLite(Array("SQLite format 3".utf8)))  // no NUL: too short
        #expect(!MLflowStore.looksLikeSQLite([UInt8]()))
    }

    @Test func recognizesAFileStoreAtEveryLevel() {
        for folder in ["mlflow/file-store", "mlflow/file-store/mlruns", "mlflow/file-store/mlruns/0",
                       "mlflow/file-store/mlruns/0/1f0e5b2a9c3d4e6f8a7b6c5d4e3f2a10"] {
            #expect(MLflowStore.isFileStore(folder: Fixtures.path(folder)), "\(folder)")
        }
        #expect(!MLflowStore.isFileStore(folder: Fixtures.path("mlflow/digits-sqlite")))
        #expect(!MLflowStore.isFileStore(folder: Fixtures.path("mlflow/digits-sqlite/mlflow.db")))
        #expect(!MLflowStore.isFileStore(folder: Fixtures.path("mlflow/no-such-folder")))
    }
}
