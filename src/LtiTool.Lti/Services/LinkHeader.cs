namespace LtiTool.Lti.Services;

/// <summary>
/// Reads RFC 8288 Link headers, which NRPS and AGS page with (rel="next", "differences"). Targets are read
/// between angle brackets first, so commas and semicolons inside URLs are safe; rel values match
/// case-insensitively and a rel may list several relation types.
/// </summary>
public static class LinkHeader
{
    /// <summary>The target of the first link with relation <paramref name="rel"/>, resolved against <paramref name="baseUri"/>.</summary>
    public static Uri? Find(IEnumerable<string> headerValues, string rel, Uri baseUri)
    {
        foreach (var value in headerValues)
        {
            var position = 0;
            while (position < value.Length)
            {
                var open = value.IndexOf('<', position);
                if (open < 0) break;
                var close = value.IndexOf('>', open + 1);
                if (close < 0) break;
                var target = value[(open + 1)..close].Trim();
                var next = value.IndexOf('<', close + 1);
                var parameters = next < 0 ? value[(close + 1)..] : value[(close + 1)..next];
                if (HasRel(parameters, rel) && Uri.TryCreate(baseUri, target, out var uri)) return uri;
                position = next < 0 ? value.Length : next;
            }
        }
        return null;
    }

    private static bool HasRel(string parameters, string rel)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = parameter.IndexOf('=');
            if (eq < 0 || !parameter[..eq].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase)) continue;
            var values = parameter[(eq + 1)..].Trim().TrimEnd(',').Trim('"');
            if (values.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(v => v.Equals(rel, StringComparison.OrdinalIgnoreCase))) return true;
        }
        return false;
    }
}
