using Google.Protobuf;
using MpcWallet.Contracts.Control;
using MpcWallet.Ethereum.Signing;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>A signature's pre-image as the signing command carries it to the nodes (node_control.proto, <c>PreImage</c>).</summary>
internal static class PreImageCommand
{
    public static PreImage ToCommand(SigningPreImage preImage) => preImage.Kind switch
    {
        SigningPreImageKind.Eip1559Transaction => new PreImage { Eip1559Transaction = ByteString.CopyFrom(preImage.Bytes.Span) },
        SigningPreImageKind.PersonalMessage => new PreImage { PersonalMessage = ByteString.CopyFrom(preImage.Bytes.Span) },
        SigningPreImageKind.TypedData => new PreImage { TypedDataJson = preImage.Text },
        _ => new PreImage { RawDigest = ByteString.CopyFrom(preImage.Bytes.Span) },
    };
}
