using System.Globalization;

namespace LtiTool.DemoPlatform;

/// <summary>The demo course's members: the demo people and a deterministic crowd of students.</summary>
public static class DemoRoster
{
    private static readonly string[] Given = ["Amara", "Ben", "Chloé", "Dmitri", "Eun-ji", "Farah", "Gustavo", "Hana", "Ivan", "Jaya", "Kwame", "Lina", "Mateo", "Nia", "Oskar", "Priya"];
    private static readonly string[] Family = ["Okafor", "Lindqvist", "García", "Nakamura", "Novak", "Haddad", "Silva", "Kowalski", "Mensah", "O'Brien", "Petrov", "Rahman", "Schmidt", "Tanaka"];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, IReadOnlyList<DemoUser>> Cache = new();

    /// <summary>All members: the demo users (with their course roles) and <paramref name="generatedStudents"/> students.</summary>
    /// <remarks>Built once per size: every NRPS page reads it, and a 10,000-member course has 200 pages.</remarks>
    public static IReadOnlyList<DemoUser> Members(int generatedStudents) => Cache.GetOrAdd(generatedStudents, Build);

    private static IReadOnlyList<DemoUser> Build(int generatedStudents)
    {
        var members = new List<DemoUser> { DemoData.Instructor, DemoData.Student, DemoData.TestStudent, DemoData.Observer };
        for (var i = 1; i <= generatedStudents; i++)
        {
            var given = Given[i % Given.Length];
            var family = Family[(i / Given.Length) % Family.Length];
            members.Add(new DemoUser(
                string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{i:000000000000}"),
                string.Create(CultureInfo.InvariantCulture, $"{i:x40}"),
                $"{given} {family}", given, family,
                string.Create(CultureInfo.InvariantCulture, $"student{i:0000}@demo.example.edu"),
                ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"], []));
        }
        return members;
    }
}
