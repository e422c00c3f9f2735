namespace LtiTool.Web.Tests;

/// <summary>
/// A test that needs PostgreSQL: it runs when LTITOOL_TEST_POSTGRES holds a connection string (.ci/run starts
/// a throwaway server and sets it) and is skipped, saying why, everywhere else.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("LTITOOL_TEST_POSTGRES");

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(ConnectionString)) Skip = "Set LTITOOL_TEST_POSTGRES to a PostgreSQL connection string to run this test (.ci/run does).";
    }
}

public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (string.IsNullOrEmpty(PostgresFactAttribute.ConnectionString)) Skip = "Set LTITOOL_TEST_POSTGRES to run this test.";
    }
}

/// <summary>A database of its own on the test server, dropped afterwards.</summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly string _admin;

    public PostgresDatabase()
    {
        _admin = PostgresFactAttribute.ConnectionString!;
        Name = "ltitool_test_" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(_admin) { Database = Name }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public Dictionary<string, string?> Settings => new()
    {
        ["Data:Provider"] = "Postgres",
        ["ConnectionStrings:LtiTool"] = ConnectionString,
    };

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        using var connection = new Npgsql.NpgsqlConnection(_admin);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
