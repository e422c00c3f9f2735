using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LtiTool.Web.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode synchronous=NORMAL is durable against a crash of the tool
/// (only a power cut can lose the last commits) and stops every commit from waiting for an fsync;
/// busy_timeout lets SQLite itself wait for the single writer instead of failing and retrying; mmap_size
/// serves reads from the page cache without a pread per page.
/// Pragmas stick to the native connection, which the pool reuses: they run once per native handle.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA mmap_size=268435456;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || Configured.TryGetValue(handle, out _)) return;
        Configured.AddOrUpdate(handle, handle);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
