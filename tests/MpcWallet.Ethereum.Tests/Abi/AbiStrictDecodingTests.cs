using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Tests.Abi;

/// <summary>
/// Every non-canonical or malformed encoding is refused with an <see cref="AbiException"/>. Each case starts from a
/// valid encoding (decoded first, so the test would notice a broken fixture) and changes one thing.
/// </summary>
public sealed class AbiStrictDecodingTests
{
    private static readonly string Zero = new('0', 64);

    public static TheoryData<string, string, string> Malformed() => new()
    {
        // types, valid encoding (no selector), mutated encoding
        { "uint8", Word("ff"), Word("0100") },                                 // value wider than uint8
        { "uint256", Word("01"), Word("01")[..62] },                           // truncated word
        { "int8", Word("ff", fill: 'f'), Word("ff") },                         // -1 without sign extension (= 255)
        { "int8", Word("7f"), Word("80", fill: 'f').Replace("ffff80", "fff080", StringComparison.Ordinal) }, // dirty sign extension
        { "int16", Word("fed4", fill: 'f'), Word("fed4") },                    // -300 zero-extended
        { "bool", Word("01"), Word("02") },                                    // bool other than 0/1
        { "address", Word("70997970c51812dc3a010c7d01b50e0d17dc79c8"), Word("0170997970c51812dc3a010c7d01b50e0d17dc79c8") }, // dirty address padding
        { "bytes3", "616263" + new string('0', 58), "616263" + new string('0', 57) + "1" }, // dirty bytes3 padding
        { "bytes", Word("20") + Word("01") + "ab" + new string('0', 62), Word("20") + Word("01") + "ab" + new string('0', 61) + "1" }, // dirty padding after content
        { "bytes", Word("20") + Word("01") + "ab" + new string('0', 62), Word("20") + Word("21") + "ab" + new string('0', 62) }, // length past the end
        { "bytes", Word("20") + Word("01") + "ab" + new string('0', 62), Word("20") + Word("01") + "ab" + new string('0', 62) + Zero }, // trailing word
        { "bytes", Word("20") + Word("01") + "ab" + new string('0', 62), Word("40") + Zero + Word("01") + "ab" + new string('0', 62) }, // offset leaves a gap
        { "bytes", Word("20") + Word("01") + "ab" + new string('0', 62), Word("20") + new string('f', 64) + "ab" + new string('0', 62) }, // 2^256-1 length
        { "bytes", Word("20") + Zero, Word("20") }, // length word missing
        { "string", Word("20") + Word("02") + "c3a9" + new string('0', 60), Word("20") + Word("02") + "c3c3" + new string('0', 60) }, // invalid UTF-8
        { "string", Word("20") + Zero, Word("8000000000000000000000000000000000000000000000000000000000000000".TrimStart('0')) + Zero }, // offset 2^255
        { "uint256[]", Word("20") + Word("01") + Word("05"), Word("20") + Word("ffffffff") + Word("05") }, // element count the data cannot hold
        { "uint256[]", Word("20") + Word("01") + Word("05"), Word("20") + Word("02") + Word("05") }, // one element short
        { "string,string", Word("40") + Word("80") + Word("01") + "61" + new string('0', 62) + Word("01") + "62" + new string('0', 62),
          Word("40") + Word("40") + Word("01") + "61" + new string('0', 62) }, // both offsets point at one tail (overlap)
        { "string,string", Word("40") + Word("80") + Word("01") + "61" + new string('0', 62) + Word("01") + "62" + new string('0', 62),
          Word("80") + Word("40") + Word("01") + "62" + new string('0', 62) + Word("01") + "61" + new string('0', 62) }, // tails swapped
        { "(uint256,bool)", Word("01") + Word("01"), Word("01") }, // static tuple cut short
        { "string[]", Word("20") + Word("01") + Word("20") + Word("01") + "61" + new string('0', 62),
          Word("20") + Word("01") + Word("40") + Zero + Word("01") + "61" + new string('0', 62) }, // inner offset gap
        { "uint8[2]", Word("01") + Word("02"), Word("01") + Word("0102") }, // dirty element of a fixed array
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_non_canonical_or_malformed_encoding_is_refused(string types, string valid, string mutated)
    {
        AbiType[] parsed = types.StartsWith('(') ? [AbiType.Parse(types)] : types.Split(',').Select(AbiType.Parse).ToArray();

        var validBytes = Convert.FromHexString(valid);
        var values = AbiDecoder.Decode(parsed, validBytes);
        Assert.Equal(validBytes, AbiEncoder.Encode(parsed, values.ToArray()));

        Assert.Throws<AbiException>(() => AbiDecoder.Decode(parsed, Convert.FromHexString(mutated)));
    }

    [Fact]
    public void Call_data_with_another_selector_is_refused()
    {
        var transfer = AbiFunction.Parse("transfer(address,uint256)");
        var approve = AbiFunction.Parse("approve(address,uint256)");
        var data = approve.EncodeCall("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 1);

        Assert.Throws<AbiException>(() => transfer.DecodeCall(data));
        Assert.Throws<AbiException>(() => transfer.DecodeCall(data.AsSpan(0, 3)));
        Assert.Equal(2, approve.DecodeCall(data).Count);
    }

    [Fact]
    public void Huge_counts_fail_before_anything_is_allocated()
    {
        // A count larger than the data is refused as a length; a count that passes that but whose elements (64 bytes
        // each) cannot fit in what remains is refused before the element array is made.
        var type = AbiType.Parse("(uint256,uint256)[]");
        Assert.Contains("exceeds", Assert.Throws<AbiException>(() => AbiDecoder.Decode(type, Convert.FromHexString(Word("20") + Word("0100000000")))).Message, StringComparison.Ordinal);
        Assert.Contains("cannot fit", Assert.Throws<AbiException>(() => AbiDecoder.Decode(type, Convert.FromHexString(Word("20") + Word("40")))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_case_addresses_must_carry_a_valid_checksum_when_encoding()
    {
        var type = AbiAddressType.Instance;
        Assert.NotNull(AbiEncoder.Encode(type, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
        Assert.NotNull(AbiEncoder.Encode(type, "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(type, "0x70997970C51812DC3a010c7d01b50e0d17dc79c8"));
    }

    [Fact]
    public void Values_outside_a_type_are_refused_when_encoding()
    {
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("uint8"), 256));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("uint256"), -1));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("int8"), -129));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("bytes4"), new byte[3]));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("uint256[2]"), new[] { 1 }));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("bool"), 1));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("string"), "\ud800"));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("(uint256,bool)"), new object[] { 1 }));
        Assert.Equal("0x" + new string('f', 64), HexBytes.ToHex(AbiEncoder.Encode(AbiType.Parse("int8"), -1)));
    }

    /// <summary>A 32-byte word (64 hex digits) holding <paramref name="hex"/> right-aligned, filled with <paramref name="fill"/>.</summary>
    private static string Word(string hex, char fill = '0') => new string(fill, 64 - hex.Length) + hex;
}
