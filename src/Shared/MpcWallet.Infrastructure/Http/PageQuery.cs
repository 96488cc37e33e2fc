using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// The <c>limit</c> and <c>cursor</c> query parameters of a list (newest first). Read from the query string by the
/// endpoint itself, so a bad value (not digits, out of range, empty, repeated) is a 400 problem naming the parameter
/// instead of a failure of parameter binding.
/// </summary>
public sealed record PageQuery(int Limit, long? Before)
{
    public const int DefaultLimit = 50;

    public static (PageQuery? Page, IResult? Problem) Read(HttpRequest request, int maxLimit)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = DefaultLimit;
        if (Single(request.Query["limit"], "limit", errors) is { } limitText)
        {
            if (!Digits(limitText, 9) || !int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > maxLimit)
            {
                errors["limit"] = [$"limit must be an integer between 1 and {maxLimit}"];
            }
        }

        long? before = null;
        if (Single(request.Query["cursor"], "cursor", errors) is { Length: > 0 } cursorText)
        {
            if (Digits(cursorText, 19) && long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                before = parsed;
            }
            else
            {
                errors["cursor"] = ["cursor is not one this API returned"];
            }
        }

        return errors.Count > 0 ? (null, Problems.Validation(errors)) : (new PageQuery(limit, before), null);
    }

    // Only ASCII digits: .NET's number parsing would also take trailing NUL characters.
    private static bool Digits(string text, int maxLength) => text.Length > 0 && text.Length <= maxLength && text.All(char.IsAsciiDigit);

    private static string? Single(StringValues values, string name, Dictionary<string, string[]> errors)
    {
        if (values.Count > 1)
        {
            errors[name] = [$"give {name} at most once"];
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }
}
