using System.Text;
using MpcWallet.Ethereum.Messages;
using MpcWallet.Ethereum.Tests.TestSupport;

namespace MpcWallet.Ethereum.Tests.Messages;

/// <summary>Mutated eth_signTypedData_v4 documents either hash or fail with TypedDataException — never another exception.</summary>
public sealed class TypedDataFuzzTests
{
    [Fact]
    public void Mutated_typed_data_yields_only_TypedDataException()
    {
        using var file = TestVectors.Load("eth-sig-util/sign-typed-data-v4.json");
        var seeds = new[]
        {
            file.RootElement.GetProperty("customArray").GetProperty("signTypedData").GetProperty("typedData").GetRawText(),
            TestVectorsMail(),
        };
        const string Alphabet = "{}[]\":,0123456789abcdefxX-. EIP712Domainuint256[]bytes32string";
        var random = new Random(712);
        var rejected = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(seeds[i % seeds.Length]);
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var position = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0:
                        text[position] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                    case 1:
                        text.Remove(position, 1);
                        break;
                    default:
                        text.Insert(position, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                }
            }

            try
            {
                Assert.Equal(32, TypedData.Parse(text.ToString()).Hash().Length);
            }
            catch (TypedDataException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > 1000, $"most mutations should be rejected; {rejected} were");
    }

    private static string TestVectorsMail()
    {
        using var file = TestVectors.Load("eips/eip-712-mail.json");
        return file.RootElement.GetProperty("typedData").GetRawText();
    }
}
