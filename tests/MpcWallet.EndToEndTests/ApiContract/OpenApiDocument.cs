using System.Text.Json;

namespace MpcWallet.EndToEndTests.ApiContract;

/// <summary>Reads an OpenAPI 3 document: operations, their parameters, statuses and the member names of their schemas.</summary>
public sealed class OpenApiDocument(JsonElement root)
{
    public JsonElement? Operation(string method, string path) =>
        root.GetProperty("paths").TryGetProperty(path, out var item) && item.TryGetProperty(method.ToLowerInvariant(), out var operation) ? operation : null;

    public static IReadOnlyList<int> Statuses(JsonElement operation) =>
        [.. operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture))];

    public static IReadOnlyList<(string Name, string In)> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? [.. parameters.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!))]
            : [];

    public JsonElement RequestSchema(JsonElement operation) =>
        Resolve(operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));

    public JsonElement ResponseSchema(JsonElement operation, int status) =>
        Resolve(operation.GetProperty("responses").GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("content").GetProperty("application/json").GetProperty("schema"));

    public IReadOnlySet<string> Members(JsonElement schema) =>
        Resolve(schema).TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal) : new HashSet<string>();

    public IReadOnlySet<string> Required(JsonElement schema) =>
        Resolve(schema).TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal) : new HashSet<string>();

    /// <summary>The schema of a member (an array's element schema for an array member).</summary>
    public JsonElement Member(JsonElement schema, string name)
    {
        var member = Resolve(Resolve(schema).GetProperty("properties").GetProperty(name));
        return member.TryGetProperty("items", out var items) ? Resolve(items) : member;
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = root.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }
}
