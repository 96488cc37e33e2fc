using System.Numerics;
using System.Text;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Chains;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// What an ERC-20 token says about itself, read with eth_call: <c>symbol()</c> and <c>decimals()</c>. Both are optional
/// in ERC-20, so a token without them (or answering something that does not decode) gets null, never a guess; a
/// bytes32 symbol (as some early tokens return) is read as its UTF-8 text.
/// </summary>
internal static class TokenMetadata
{
    private const int MaxSymbolLength = 32;
    private static readonly AbiFunction Symbol = AbiFunction.Parse("function symbol() view returns (string)");
    private static readonly AbiFunction SymbolBytes32 = AbiFunction.Parse("function symbol() view returns (bytes32)");
    private static readonly AbiFunction Decimals = AbiFunction.Parse("function decimals() view returns (uint8)");

    public static async Task<(string? Symbol, int? Decimals)> ReadAsync(Chain chain, EthereumAddress token, CancellationToken cancellationToken)
    {
        var symbolOutput = await CallAsync(chain, token, Symbol, cancellationToken);
        var decimalsOutput = await CallAsync(chain, token, Decimals, cancellationToken);
        return (Plausible(SymbolOf(symbolOutput)), DecimalsOf(decimalsOutput));
    }

    /// <summary>Whether code lives at <paramref name="address"/> (token transfers and contract calls to an account without code do nothing).</summary>
    public static async Task<bool> HasCodeAsync(Chain chain, EthereumAddress address, CancellationToken cancellationToken)
    {
        var code = await chain.Client.SendAsync(
            new EthereumRpcCall<byte[]>("eth_getCode", [address.ToLowerHex(), BlockParameter.Latest.ToString()], result =>
                result.ValueKind == System.Text.Json.JsonValueKind.String && Ethereum.Quantities.HexBytes.TryParse(result.GetString(), out var bytes)
                    ? bytes
                    : throw new EthereumRpcResponseException("eth_getCode: the answer is not 0x-hex data")),
            cancellationToken);
        return code.Length > 0;
    }

    private static async Task<byte[]?> CallAsync(Chain chain, EthereumAddress token, AbiFunction function, CancellationToken cancellationToken)
    {
        try
        {
            return await chain.Client.CallAsync(new TransactionCallRequest { To = token, Data = function.EncodeCall() }, BlockParameter.Latest, cancellationToken);
        }
        catch (EthereumRpcException)
        {
            // Reverted, or not implemented: the optional function is absent.
            return null;
        }
    }

    private static string? SymbolOf(byte[]? output)
    {
        if (output is null)
        {
            return null;
        }

        try
        {
            return (string)Symbol.DecodeOutput(output)[0];
        }
        catch (AbiException)
        {
            try
            {
                var bytes = (byte[])SymbolBytes32.DecodeOutput(output)[0];
                var text = new UTF8Encoding(false, true).GetString(bytes.AsSpan(0, Array.IndexOf(bytes, (byte)0) is var end and >= 0 ? end : bytes.Length));
                return text.Length > 0 ? text : null;
            }
            catch (Exception e) when (e is AbiException or DecoderFallbackException)
            {
                return null;
            }
        }
    }

    /// <summary>A contract chooses its symbol: one that is long or carries control characters is not shown.</summary>
    private static string? Plausible(string? symbol) =>
        symbol is { Length: > 0 and <= MaxSymbolLength } && !symbol.Any(char.IsControl) ? symbol : null;

    private static int? DecimalsOf(byte[]? output)
    {
        if (output is null)
        {
            return null;
        }

        try
        {
            return (int)(BigInteger)Decimals.DecodeOutput(output)[0];
        }
        catch (AbiException)
        {
            return null;
        }
    }
}
