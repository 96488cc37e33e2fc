using System.Globalization;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// Reads the human-readable forms: a type ("uint256[2]", "(address to,uint256)[]", "tuple(uint256)") and a fragment
/// ("transfer(address,uint256)", "function balanceOf(address owner) view returns (uint256)",
/// "balanceOf(address)(uint256)" as cast writes it, "error Unauthorized(address caller)",
/// "event Transfer(address indexed from, address indexed to, uint256 value)", "constructor(string name)").
/// Data locations (memory, calldata, storage) and visibility/mutability words are accepted and, except mutability,
/// ignored. Nesting is limited to <see cref="MaxDepth"/> levels.
/// </summary>
internal sealed class AbiSignatureParser
{
    public const int MaxDepth = 32;

    private static readonly HashSet<string> Locations = new(StringComparer.Ordinal) { "memory", "calldata", "storage" };
    private static readonly HashSet<string> Mutabilities = new(StringComparer.Ordinal) { "pure", "view", "payable", "nonpayable" };
    private static readonly HashSet<string> IgnoredModifiers = new(StringComparer.Ordinal) { "external", "public", "internal", "private", "virtual", "override" };

    private readonly string _text;
    private readonly List<(string Text, int Position)> _tokens;
    private int _next;

    private AbiSignatureParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static AbiType ParseType(string text)
    {
        var parser = new AbiSignatureParser(text);
        var type = parser.ReadType(0);
        parser.ExpectEnd();
        return type;
    }

    public static AbiFragment ParseFragment(string text)
    {
        var parser = new AbiSignatureParser(text);
        return parser.ReadFragment();
    }

    private AbiFragment ReadFragment()
    {
        var kind = "function";
        if (Peek() is "function" or "error" or "event" or "constructor")
        {
            kind = Take();
        }

        var name = "";
        if (kind != "constructor")
        {
            name = Take();
            if (!IsIdentifier(name))
            {
                throw Error($"expected a name, found '{name}'");
            }
        }

        var inputs = ReadParameterList(0, allowIndexed: kind == "event");
        IReadOnlyList<AbiParameter> outputs = [];
        var mutability = "nonpayable";
        var anonymous = false;
        if (Peek() == "(")
        {
            // cast's "name(inputs)(outputs)".
            outputs = ReadParameterList(0, allowIndexed: false);
        }

        while (Peek() is { } word)
        {
            Take();
            if (word == "returns" && kind == "function")
            {
                outputs = ReadParameterList(0, allowIndexed: false);
            }
            else if (Mutabilities.Contains(word) && kind is "function" or "constructor")
            {
                mutability = word;
            }
            else if (word == "anonymous" && kind == "event")
            {
                anonymous = true;
            }
            else if (!IgnoredModifiers.Contains(word) || kind is "error" or "event")
            {
                throw Error($"unexpected '{word}'");
            }
        }

        return new AbiFragment(kind, name, inputs, outputs, mutability, anonymous);
    }

    private List<AbiParameter> ReadParameterList(int depth, bool allowIndexed)
    {
        Expect("(");
        var parameters = new List<AbiParameter>();
        if (Peek() == ")")
        {
            Take();
            return parameters;
        }

        while (true)
        {
            var type = ReadType(depth);
            var indexed = false;
            var name = "";
            while (Peek() is { } word && word != "," && word != ")")
            {
                Take();
                if (word == "indexed" && allowIndexed && !indexed && name.Length == 0)
                {
                    indexed = true;
                }
                else if ((Locations.Contains(word) || (word == "payable" && type is AbiAddressType)) && name.Length == 0)
                {
                    // Data locations and "address payable" do not change the ABI type.
                }
                else if (IsIdentifier(word) && name.Length == 0)
                {
                    name = word;
                }
                else
                {
                    throw Error($"unexpected '{word}' after a parameter");
                }
            }

            parameters.Add(new AbiParameter(name, type, indexed));
            var separator = Take();
            if (separator == ")")
            {
                return parameters;
            }

            if (separator != ",")
            {
                throw Error($"expected ',' or ')', found '{separator}'");
            }
        }
    }

    private AbiType ReadType(int depth)
    {
        if (depth >= MaxDepth)
        {
            throw Error($"types nest deeper than {MaxDepth} levels");
        }

        AbiType type;
        if (Peek() == "tuple")
        {
            Take();
            if (Peek() != "(")
            {
                throw Error("'tuple' must be followed by its components in parentheses here");
            }
        }

        if (Peek() == "(")
        {
            var components = ReadParameterList(depth + 1, allowIndexed: false);
            if (components.Count == 0)
            {
                throw Error("a tuple type has at least one component");
            }

            type = new AbiTupleType(components);
        }
        else
        {
            type = Elementary(Take());
        }

        var arrays = 0;
        while (Peek() == "[")
        {
            Take();
            int? length = null;
            if (Peek() != "]")
            {
                var digits = Take();
                if (digits.Length == 0 || digits.Length > 9 || !digits.All(char.IsAsciiDigit) || (digits.Length > 1 && digits[0] == '0'))
                {
                    throw Error($"'{digits}' is not an array length");
                }

                length = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
                if (length == 0)
                {
                    throw Error("a fixed-size array has at least one element");
                }
            }

            Expect("]");
            if (++arrays + depth >= MaxDepth)
            {
                throw Error($"types nest deeper than {MaxDepth} levels");
            }

            type = new AbiArrayType(type, length);
        }

        return type;
    }

    private AbiType Elementary(string word)
    {
        switch (word)
        {
            case "address":
                return AbiAddressType.Instance;
            case "bool":
                return AbiBoolType.Instance;
            case "string":
                return AbiStringType.Instance;
            case "bytes":
                return AbiBytesType.Instance;
            case "uint":
                return AbiIntegerType.UInt256;
            case "int":
                return AbiIntegerType.Int256;
        }

        if (word.StartsWith("uint", StringComparison.Ordinal) && Size(word[4..]) is { } unsignedBits && unsignedBits % 8 == 0 && unsignedBits is >= 8 and <= 256)
        {
            return new AbiIntegerType(unsignedBits, isSigned: false);
        }

        if (word.StartsWith("int", StringComparison.Ordinal) && Size(word[3..]) is { } signedBits && signedBits % 8 == 0 && signedBits is >= 8 and <= 256)
        {
            return new AbiIntegerType(signedBits, isSigned: true);
        }

        if (word.StartsWith("bytes", StringComparison.Ordinal) && Size(word[5..]) is { } size and >= 1 and <= 32)
        {
            return new AbiFixedBytesType(size);
        }

        if (word.StartsWith("fixed", StringComparison.Ordinal) || word.StartsWith("ufixed", StringComparison.Ordinal) || word == "function")
        {
            throw Error($"'{word}' is not supported (no compiler emits it in external interfaces)");
        }

        throw Error($"'{word}' is not an ABI type");
    }

    /// <summary>A size suffix: decimal digits without a leading zero.</summary>
    private static int? Size(string digits) =>
        digits.Length is > 0 and <= 3 && digits[0] != '0' && digits.All(char.IsAsciiDigit)
            ? int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;

    private static bool IsIdentifier(string word) =>
        word.Length > 0 && (char.IsAsciiLetter(word[0]) || word[0] is '_' or '$') && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');

    private static List<(string, int)> Tokenize(string text)
    {
        var tokens = new List<(string, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '[' or ']' or ',')
            {
                tokens.Add((c.ToString(), i));
                i++;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add((text[start..i], start));
            }
            else
            {
                throw new AbiException($"'{text}': unexpected character '{c}' at position {i}.");
            }
        }

        return tokens;
    }

    private string? Peek() => _next < _tokens.Count ? _tokens[_next].Text : null;

    private string Take() => _next < _tokens.Count ? _tokens[_next++].Text : throw Error("unexpected end");

    private void Expect(string token)
    {
        var found = Take();
        if (found != token)
        {
            throw Error($"expected '{token}', found '{found}'");
        }
    }

    private void ExpectEnd()
    {
        if (Peek() is { } extra)
        {
            throw Error($"unexpected '{extra}'");
        }
    }

    private AbiException Error(string problem)
    {
        var position = _next < _tokens.Count ? _tokens[_next].Position : _text.Length;
        return new AbiException($"'{_text}': {problem} (near position {position}).");
    }
}
