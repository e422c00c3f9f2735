using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace LtiTool.LoadTest;

/// <summary>
/// Delivery of a column's grades through the durable outbox to the demo LMS: launches as the demo instructor,
/// reads the roster, adds a column, saves one grade per student, then times from "Push" until the outbox
/// reports every score delivered (bounded by GradeDelivery:MaxConcurrency, as in production).
/// </summary>
internal static class GradeBenchmark
{
    public static async Task<int> RunAsync(Uri toolBase, int grades)
    {
        var (http, contextId) = await RosterBenchmark.LaunchInstructorAsync(toolBase);
        using var _ = http;
        var api = $"api/contexts/{contextId}";
        (await http.PostAsync($"{api}/roster/sync", null)).EnsureSuccessStatusCode();
        var book = JsonDocument.Parse(await http.GetStringAsync($"{api}/gradebook")).RootElement;
        var students = book.GetProperty("students").EnumerateArray().Where(s => !s.GetProperty("testUser").GetBoolean())
            .Select(s => s.GetProperty("id").GetGuid()).Take(grades).ToList();
        var column = JsonDocument.Parse(await (await http.PostAsJsonAsync($"{api}/line-items", new { label = "Benchmark", scoreMaximum = 100 }))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var random = new Random(42);
        (await http.PutAsJsonAsync($"{api}/line-items/{column}/grades",
            new { grades = students.Select(s => new { userId = s, value = random.Next(0, 101).ToString(CultureInfo.InvariantCulture), comment = "Benchmark" }) }))
            .EnsureSuccessStatusCode();

        var stopwatch = Stopwatch.StartNew();
        var pushed = await http.PostAsync($"{api}/line-items/{column}/push", null);
        pushed.EnsureSuccessStatusCode();
        var queuedAfter = stopwatch.Elapsed;
        int delivered;
        do
        {
            await Task.Delay(20);
            var counts = JsonDocument.Parse(await http.GetStringAsync($"{api}/outbox?state=Pending")).RootElement.GetProperty("counts");
            delivered = counts.GetProperty("delivered").GetInt32();
            if (counts.GetProperty("failed").GetInt32() + counts.GetProperty("dead").GetInt32() is var failed and > 0)
            {
                Console.WriteLine($"{failed} scores failed");
                return 1;
            }
        }
        while (delivered < students.Count && stopwatch.Elapsed < TimeSpan.FromMinutes(2));
        stopwatch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"grades: {delivered} of {students.Count} delivered in {stopwatch.Elapsed.TotalSeconds:F2} s after push (queued in {queuedAfter.TotalMilliseconds:F0} ms) = {delivered / stopwatch.Elapsed.TotalSeconds:F0} scores/s"));
        return delivered == students.Count ? 0 : 1;
    }
}
