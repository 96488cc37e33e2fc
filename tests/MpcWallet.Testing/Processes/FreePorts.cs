using System.Net;
using System.Net.Sockets;

namespace MpcWallet.Testing.Processes;

/// <summary>Free 127.0.0.1 ports, chosen up front so a process keeps its address across restarts.</summary>
public static class FreePorts
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
