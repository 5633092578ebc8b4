using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Apps.bitcoin_cli;

/// <summary>Posts one JSON-RPC request over HTTP and maps transport failures and HTTP statuses as Core's CallRPC.</summary>
internal sealed class RpcHttpClient
{
    private readonly string _host;
    private readonly int _port;
    private readonly TimeSpan _timeout;

    public RpcHttpClient(string host, int port, TimeSpan timeout)
    {
        _host = host;
        _port = port;
        _timeout = timeout;
    }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="endpoint"/>: returns the HTTP status and body, or throws
    /// <see cref="CliConnectionException"/> "Error while attempting to communicate with server host:port (...)".
    /// </summary>
    public async Task<(int Status, string Body)> PostAsync(string endpoint, string credentials, JsonNode request)
    {
        try
        {
            return await PostCoreAsync(endpoint, credentials, request).ConfigureAwait(false);
        }
        catch (CliConnectionException e)
        {
            string detail = e.Message.Length > 0 ? $" ({e.Message})" : "";
            throw new CliConnectionException(
                $"Error while attempting to communicate with server {_host}:{_port}{detail}\n\n" +
                "Make sure the bitcoind server is running and that you are connecting to the correct RPC port.\n" +
                "Use \"bitcoin-cli -help\" for more info.", e);
        }
    }

    private async Task<(int Status, string Body)> PostCoreAsync(string endpoint, string credentials, JsonNode request)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(_host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(_host).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                addresses = [];
            }
            if (addresses.Length == 0) throw new CliConnectionException($"Could not resolve host: {_host}");
        }

        using var deadline = new CancellationTokenSource(_timeout);
        Socket? connected = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, _port), deadline.Token).ConfigureAwait(false);
                connected = socket;
                break;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                if (deadline.IsCancellationRequested) break;
            }
        }
        if (connected is null) throw new CliConnectionException("Could not connect to the server");

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, _) => ValueTask.FromResult<Stream>(new NetworkStream(connected, ownsSocket: true)),
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        string hostText = literal?.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{_host}]" : _host;
        using var message = new HttpRequestMessage(HttpMethod.Post, $"http://{hostText}:{_port}{endpoint}");
        message.Headers.ConnectionClose = true;
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonText.Write(request) + "\n"));
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.SendAsync(message, deadline.Token).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            return ((int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new CliConnectionException("timeout");
        }
        catch (HttpRequestException e)
        {
            throw new CliConnectionException($"HTTP error: {e.Message}", e);
        }
    }
}
