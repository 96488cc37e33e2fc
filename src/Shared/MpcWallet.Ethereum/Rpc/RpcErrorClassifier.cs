using System.Text.Json;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>
/// Maps a JSON-RPC error object to the typed exceptions. Clients word these errors differently, so the match is by
/// substring per client (geth, Anvil, Erigon, Besu, Nethermind); the table lives here and nowhere else.
/// </summary>
internal static class RpcErrorClassifier
{
    private static readonly string[] NonceTooLow = ["nonce too low", "nonce_too_low", "oldnonce"];

    private static readonly string[] ReplacementUnderpriced = ["replacement transaction underpriced", "replacement underpriced", "replacement_underpriced"];

    private static readonly string[] InsufficientFunds = ["insufficient funds", "insufficientfunds", "upfront cost exceeds account balance"];

    // "known transaction" is also a suffix of "unknown transaction": that case is excluded below.
    private static readonly string[] AlreadyKnown = ["already known", "transaction already imported", "alreadyknown", "known transaction"];

    private static readonly string[] IntrinsicGasTooLow = ["intrinsic gas too low", "intrinsicgastoolow", "intrinsic gas exceeds gas limit"];

    // geth and Anvil: "max fee per gas less than block base fee"; Erigon: "fee cap less than block base fee".
    private static readonly string[] FeeCapTooLow = ["less than block base fee"];

    public static EthereumRpcException FromErrorObject(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            throw new EthereumRpcResponseException("The JSON-RPC error member is not an object.");
        }

        var code = error.TryGetProperty("code", out var codeElement) && codeElement.ValueKind == JsonValueKind.Number && codeElement.TryGetInt32(out var c)
            ? c
            : throw new EthereumRpcResponseException("The JSON-RPC error has no integer code.");
        var message = error.TryGetProperty("message", out var messageElement) && messageElement.ValueKind == JsonValueKind.String
            ? messageElement.GetString()!
            : string.Empty;
        var data = error.TryGetProperty("data", out var dataElement) && dataElement.ValueKind != JsonValueKind.Null
            ? dataElement
            : (JsonElement?)null;
        return Classify(code, message, data);
    }

    public static EthereumRpcException Classify(int code, string message, JsonElement? data)
    {
        var rawData = data?.GetRawText();
        var text = message.ToLowerInvariant();
        if (ContainsAny(text, NonceTooLow))
        {
            return new NonceTooLowException(code, message, rawData);
        }

        if (ContainsAny(text, ReplacementUnderpriced))
        {
            return new ReplacementUnderpricedException(code, message, rawData);
        }

        if (ContainsAny(text, InsufficientFunds))
        {
            return new InsufficientFundsException(code, message, rawData);
        }

        if (ContainsAny(text, IntrinsicGasTooLow))
        {
            return new IntrinsicGasTooLowException(code, message, rawData);
        }

        if (ContainsAny(text, FeeCapTooLow))
        {
            return new FeeCapTooLowException(code, message, rawData);
        }

        if (IsAlreadyKnown(text))
        {
            return new AlreadyKnownException(code, message, rawData);
        }

        if (code == 3 || text.StartsWith("execution reverted", StringComparison.Ordinal) || text.StartsWith("reverted", StringComparison.Ordinal))
        {
            return new ExecutionRevertedException(code, message, rawData, RevertData(data));
        }

        return new EthereumRpcException(code, message, rawData);
    }

    private static bool IsAlreadyKnown(string text)
    {
        foreach (var pattern in AlreadyKnown)
        {
            var index = text.IndexOf(pattern, StringComparison.Ordinal);
            while (index >= 0)
            {
                var isUnknown = pattern == "known transaction" && index >= 2 && text[(index - 2)..index] == "un";
                if (!isUnknown)
                {
                    return true;
                }

                index = text.IndexOf(pattern, index + 1, StringComparison.Ordinal);
            }
        }

        return false;
    }

    /// <summary>geth and Anvil put the revert bytes in <c>data</c> as a hex string; some clients nest them in an object.</summary>
    private static byte[]? RevertData(JsonElement? data)
    {
        if (data is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return HexBytes.TryParse(element.GetString(), out var bytes) ? bytes : null;
        }

        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("data", out var inner) && inner.ValueKind == JsonValueKind.String)
        {
            return HexBytes.TryParse(inner.GetString(), out var bytes) ? bytes : null;
        }

        return null;
    }

    private static bool ContainsAny(string text, string[] patterns)
    {
        foreach (var pattern in patterns)
        {
            if (text.Contains(pattern, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
