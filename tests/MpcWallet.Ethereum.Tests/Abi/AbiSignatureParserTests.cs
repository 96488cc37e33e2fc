using System.Text.Json;
using MpcWallet.Ethereum.Abi;

namespace MpcWallet.Ethereum.Tests.Abi;

public sealed class AbiSignatureParserTests
{
    [Theory]
    [InlineData("uint", "uint256")]
    [InlineData("int", "int256")]
    [InlineData("uint8", "uint8")]
    [InlineData("int24", "int24")]
    [InlineData("bytes1", "bytes1")]
    [InlineData("bytes32", "bytes32")]
    [InlineData("address[]", "address[]")]
    [InlineData("uint[2][]", "uint256[2][]")]
    [InlineData("(uint256,address)", "(uint256,address)")]
    [InlineData("tuple(uint a, bytes b)[3]", "(uint256,bytes)[3]")]
    [InlineData("((int8,string)[],bool)", "((int8,string)[],bool)")]
    public void Types_parse_to_their_canonical_names(string text, string canonical) => Assert.Equal(canonical, AbiType.Parse(text).CanonicalName);

    [Theory]
    [InlineData("uint7")]
    [InlineData("uint264")]
    [InlineData("uint0")]
    [InlineData("uint08")]
    [InlineData("int512")]
    [InlineData("bytes0")]
    [InlineData("bytes33")]
    [InlineData("byte")]
    [InlineData("fixed128x18")]
    [InlineData("function")]
    [InlineData("uint256[0]")]
    [InlineData("uint256[01]")]
    [InlineData("uint256[-1]")]
    [InlineData("uint256[")]
    [InlineData("()")]
    [InlineData("(uint256")]
    [InlineData("tuple")]
    [InlineData("uint256 extra")]
    [InlineData("Address")]
    [InlineData("")]
    public void Invalid_types_are_refused(string text) => Assert.Throws<AbiException>(() => AbiType.Parse(text));

    [Fact]
    public void Deep_nesting_is_refused_without_exhausting_the_stack()
    {
        Assert.Throws<AbiException>(() => AbiType.Parse(new string('(', 10_000) + "uint256" + new string(')', 10_000)));
        Assert.Throws<AbiException>(() => AbiType.Parse("uint256" + string.Concat(Enumerable.Repeat("[]", 10_000))));
        Assert.Equal("((uint256))", AbiType.Parse("((uint256))").CanonicalName);
    }

    [Fact]
    public void Human_readable_functions_read_names_mutability_and_outputs()
    {
        var function = AbiFunction.Parse("function transferFrom(address from, address payable to, uint256 amount) external returns (bool success)");
        Assert.Equal("transferFrom", function.Name);
        Assert.Equal(["from", "to", "amount"], function.Inputs.Select(p => p.Name));
        Assert.Equal("transferFrom(address,address,uint256)", function.Signature);
        Assert.Equal("bool", Assert.Single(function.Outputs).Type.CanonicalName);
        Assert.Equal("nonpayable", function.StateMutability);

        var view = AbiFunction.Parse("balanceOf(address)(uint256)");
        Assert.Equal("uint256", Assert.Single(view.Outputs).Type.CanonicalName);

        var withLocations = AbiFunction.Parse("function f(string calldata s, bytes memory b) public view returns (string memory)");
        Assert.Equal("f(string,bytes)", withLocations.Signature);
        Assert.Equal("view", withLocations.StateMutability);
    }

    [Theory]
    [InlineData("transfer(address,uint256")]
    [InlineData("transfer address,uint256)")]
    [InlineData("function (uint256)")]
    [InlineData("function f(uint256 indexed x)")]
    [InlineData("function f(uint256 a b)")]
    [InlineData("function f(uint256) anonymous")]
    [InlineData("error E(uint256) view")]
    [InlineData("f(uint256)!")]
    [InlineData("event E(uint256)")]
    public void Malformed_function_fragments_are_refused(string fragment) => Assert.Throws<AbiException>(() => AbiFunction.Parse(fragment));

    [Fact]
    public void Json_items_read_tuples_with_components_and_ignore_internal_types()
    {
        const string Item = """
            {"type":"function","name":"submit","stateMutability":"payable",
             "inputs":[{"name":"orders","type":"tuple[]","internalType":"struct Order[]","components":[
                 {"name":"maker","type":"address"},{"name":"amounts","type":"uint256[2]"},
                 {"name":"meta","type":"tuple","components":[{"name":"note","type":"string"}]}]},
               {"name":"deadline","type":"uint64"}],
             "outputs":[{"name":"","type":"bytes32"}]}
            """;
        var function = AbiFunction.Parse(Item);
        Assert.Equal("submit((address,uint256[2],(string))[],uint64)", function.Signature);
        Assert.Equal("payable", function.StateMutability);
        var orders = Assert.IsType<AbiArrayType>(function.Inputs[0].Type);
        var order = Assert.IsType<AbiTupleType>(orders.Element);
        Assert.Equal(["maker", "amounts", "meta"], order.Components.Select(c => c.Name));
    }

    [Fact]
    public void A_contract_abi_finds_functions_errors_events_and_overloads()
    {
        const string Abi = """
            [{"type":"constructor","inputs":[{"name":"supply","type":"uint256"}]},
             {"type":"function","name":"f","inputs":[{"name":"a","type":"uint256"}],"outputs":[]},
             {"type":"function","name":"f","inputs":[{"name":"a","type":"string"}],"outputs":[]},
             {"type":"function","name":"g","inputs":[],"outputs":[{"name":"","type":"bool"}],"stateMutability":"view"},
             {"type":"error","name":"Nope","inputs":[{"name":"who","type":"address"}]},
             {"type":"event","name":"Done","inputs":[{"name":"id","type":"uint256","indexed":true}],"anonymous":false},
             {"type":"receive","stateMutability":"payable"}]
            """;
        var abi = ContractAbi.Parse(Abi);
        Assert.Equal("g()", abi.Function("g").Signature);
        Assert.Equal("f(string)", abi.Function("f(string)").Signature);
        Assert.Throws<AbiException>(() => abi.Function("f"));
        Assert.Throws<AbiException>(() => abi.Function("h"));
        Assert.Equal("Nope(address)", Assert.Single(abi.Errors).Signature);
        Assert.True(abi.Event("Done").Inputs[0].Indexed);
        Assert.Equal("supply", Assert.Single(abi.ConstructorInputs).Name);
        Assert.Equal(new byte[] { 0x60, 0x01 }.Concat(new byte[31]).Append((byte)5).ToArray(), abi.EncodeDeployment(new byte[] { 0x60, 0x01 }, 5));
    }

    [Theory]
    [InlineData("""{"type":"function","inputs":[]}""")]
    [InlineData("""{"type":"function","name":"f","inputs":[{"name":"x"}]}""")]
    [InlineData("""{"type":"function","name":"f","inputs":[{"name":"x","type":"tuple"}]}""")]
    [InlineData("""{"type":"function","name":"f","inputs":[{"name":"x","type":"tuple[0]","components":[{"type":"bool"}]}]}""")]
    [InlineData("""{"type":"function","name":"f","inputs":[{"name":"x","type":"uint256","indexed":true}]}""")]
    [InlineData("""{"type":"function","name":"f","stateMutability":"mutable","inputs":[]}""")]
    [InlineData("""{"type":"function","name":"f","inputs":{}}""")]
    public void Malformed_json_items_are_refused(string item) => Assert.Throws<AbiException>(() => AbiFunction.FromJson(JsonDocument.Parse(item).RootElement));
}
