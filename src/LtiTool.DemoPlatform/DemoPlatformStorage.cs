namespace LtiTool.DemoPlatform;

/// <summary>
/// Platform storage as Canvas offers it (1EdTech LTI Client Side postMessages): a forwarding frame named
/// <see cref="FrameName"/>, served from the platform's origin (Canvas: its OIDC auth domain), passes a tool's
/// <c>lti.put_data</c> / <c>lti.get_data</c> / <c>lti.capabilities</c> to the LMS page, which keeps the values in its
/// own <c>localStorage</c> under <c>lti|platform_storage|&lt;tool origin&gt;|&lt;key&gt;</c> (Canvas's limits: 500 keys and
/// 4096 characters per tool origin and page) and answers through the frame, addressed to the tool's origin.
/// </summary>
public static class DemoPlatformStorage
{
    /// <summary>Canvas's forwarding frame name (the value of <c>lti_storage_target</c>).</summary>
    public const string FrameName = "post_message_forwarding";

    /// <summary>The forwarding frame's page.</summary>
    public static string ForwarderPage() => """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>post_message_forwarding</title></head><body>
        <script>
        // Tool frame -> this frame -> the LMS page, and back; the LMS page learns the tool's origin from here.
        (() => {
          const pending = new Map();
          let sequence = 0;
          const lms = (location.ancestorOrigins && location.ancestorOrigins.length > 0) ? location.ancestorOrigins[0] : "*";
          window.addEventListener("message", (event) => {
            const data = event.data;
            if (!data || typeof data !== "object") return;
            if (event.source === window.parent) {
              const waiting = pending.get(data.forwarded_id);
              if (!waiting) return;
              pending.delete(data.forwarded_id);
              waiting.source.postMessage(data.response, waiting.origin);
              return;
            }
            if (!["lti.put_data", "lti.get_data", "lti.capabilities"].includes(data.subject)) return;
            const id = ++sequence;
            pending.set(id, { source: event.source, origin: event.origin });
            window.parent.postMessage({ forwarded_id: id, tool_origin: event.origin, message: data }, lms);
          });
        })();
        </script></body></html>
        """;

    /// <summary>The LMS page's handler (Canvas's top window), for the demo page and any page that frames the demo's launches.</summary>
    /// <param name="platformOrigin">The origin the forwarding frame is served from; forwarded messages count only from it.</param>
    public static string LmsScript(string platformOrigin) => """
        // The LMS page's side of platform storage (Canvas: ui/shared/lti, platform_storage).
        (() => {
          const PLATFORM = 
        """ + System.Text.Json.JsonSerializer.Serialize(platformOrigin) + """
        ;
          const PREFIX = "lti|platform_storage|";
          const MAX_KEYS = 500, MAX_CHARS = 4096;
          const used = new Map(); // per tool origin, this page load: keys and characters
          const memory = new Map();
          const storage = {
            get: (k) => { try { return localStorage.getItem(k); } catch { return memory.has(k) ? memory.get(k) : null; } },
            set: (k, v) => { try { localStorage.setItem(k, v); } catch { memory.set(k, v); } },
            remove: (k) => { try { localStorage.removeItem(k); } catch { memory.delete(k); } },
          };
          const reply = (message, fields) => ({ subject: `${message.subject}.response`, message_id: message.message_id, ...fields });
          const error = (message, code, text) => reply(message, { error: { code, message: text } });
          const handle = (message, toolOrigin) => {
            if (message.subject === "lti.capabilities") {
              return reply(message, { supported_messages: [
                { subject: "lti.capabilities" },
                { subject: "lti.put_data", frame: "post_message_forwarding" },
                { subject: "lti.get_data", frame: "post_message_forwarding" },
                { subject: "lti.frameResize" }, { subject: "lti.scrollToTop" }] });
            }
            if (message.subject !== "lti.put_data" && message.subject !== "lti.get_data") return null;
            if (!message.key || !message.message_id) return error(message, "bad_request", "key and message_id are required");
            const key = `${PREFIX}${toolOrigin}|${message.key}`;
            if (message.subject === "lti.get_data") return reply(message, { key: message.key, value: storage.get(key) });
            if (message.value === null || message.value === undefined || message.value === "") {
              storage.remove(key);
              return reply(message, { key: message.key, value: null });
            }
            const budget = used.get(toolOrigin) || { keys: 0, chars: 0 };
            const chars = message.key.length + String(message.value).length;
            if (budget.keys + 1 > MAX_KEYS || budget.chars + chars > MAX_CHARS) return error(message, "storage_exhaustion", "storage limits reached");
            used.set(toolOrigin, { keys: budget.keys + 1, chars: budget.chars + chars });
            storage.set(key, String(message.value));
            return reply(message, { key: message.key, value: String(message.value) });
          };
          window.addEventListener("message", (event) => {
            const data = event.data;
            if (!data || typeof data !== "object") return;
            if (data.forwarded_id !== undefined && data.message) {
              if (event.origin !== PLATFORM) return;
              const answer = handle(data.message, data.tool_origin);
              if (answer) event.source.postMessage({ forwarded_id: data.forwarded_id, response: answer }, event.origin);
              return;
            }
            // Canvas's non-compliant fallback: straight to the LMS page with "*".
            if (typeof data.subject === "string" && data.message_id) {
              const answer = handle(data, event.origin);
              if (answer) event.source.postMessage(answer, event.origin);
            }
          });
        })();
        """;
}
