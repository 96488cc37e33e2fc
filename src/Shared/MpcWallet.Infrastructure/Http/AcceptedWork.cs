using Microsoft.AspNetCore.Http;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// The answer to a POST that accepts work (docs/api.md, "Conventions"): 202 while the resource is still
/// pending, then 201 to the request that created it or 200 to a repeat (an Idempotency-Key replay), always with its
/// Location.
/// </summary>
public static class AcceptedWork
{
    public static IResult Answer<TResource>(string location, TResource resource, bool pending, bool created) =>
        pending ? Results.Accepted(location, resource)
        : created ? Results.Created(location, resource)
        : Results.Ok(resource);
}
