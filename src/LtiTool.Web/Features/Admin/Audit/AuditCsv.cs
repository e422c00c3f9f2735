using System.Globalization;
using System.Text;

namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>
/// CSV as RFC 4180 writes it (a header row, commas, CRLF, fields with a comma, quote or line break in double
/// quotes, quotes doubled), in UTF-8 with a byte order mark so spreadsheets read names right. A cell a
/// spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading apostrophe.
/// </summary>
public static class AuditCsv
{
    private static readonly UTF8Encoding Utf8WithMark = new(encoderShouldEmitUTF8Identifier: true);

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Time(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Sets the download's headers: <c>attachment; filename="{name}-YYYYMMDD.csv"</c>, never cached.</summary>
    public static void Attach(HttpResponse response, string name, DateTimeOffset today)
    {
        response.ContentType = "text/csv; charset=utf-8; header=present";
        response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{today.UtcDateTime:yyyyMMdd}.csv\"";
        response.Headers.CacheControl = "no-store";
    }

    /// <summary>Writes the header, then each row as it is read, so an export of years of entries is never held in memory.</summary>
    public static async Task WriteAsync<T>(Stream body, IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, IEnumerable<string?>> cells,
        CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, Utf8WithMark, bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(header));
        await foreach (var row in rows.WithCancellation(cancellationToken))
            await writer.WriteAsync(Line(cells(row)));
        await writer.FlushAsync(cancellationToken);
    }

    private static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";
}
