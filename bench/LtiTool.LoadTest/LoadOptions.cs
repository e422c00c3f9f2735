using System.Globalization;

namespace LtiTool.LoadTest;

internal sealed record LoadOptions(string ServerDll, int Launches, int Warmup, int Concurrency, string Algorithm, bool ServerGc, string? Postgres, IReadOnlyList<string> Environment, int? RosterMembers, int? Grades)
{
    public static LoadOptions Parse(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var dll = Arg("--server") ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/LtiTool.Web/bin/Release/net10.0/LtiTool.Web.dll"));
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the tool in Release first (dotnet build -c Release src/LtiTool.Web) or pass --server PATH.", dll);
        var alg = (Arg("--alg") ?? "ES256").ToUpperInvariant();
        if (alg is not ("ES256" or "RS256")) throw new ArgumentException("--alg takes ES256 or RS256.");
        return new LoadOptions(dll, Int("--launches", 20000), Int("--warmup", 30000), Int("--concurrency", 32), alg,
            Arg("--server-gc") is "true", Arg("--postgres"),
            args.Select((a, i) => (a, i)).Where(x => x.a == "--env" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToArray(),
            Arg("--roster") is { } roster ? int.Parse(roster, CultureInfo.InvariantCulture) : null,
            Arg("--grades") is { } grades ? int.Parse(grades, CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The demo LMS runs in the server for the roster and grade benchmarks, with this many students.</summary>
    public int? DemoStudents => RosterMembers ?? Grades;
}
