using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Multiprocess.Addresses.Internal;

namespace Multiprocess.Addresses;

/// <summary>
/// The self-signed certificate a TCP listener presents when it uses TLS, kept in the data directory. Clients do not
/// check it against any authority: the authentication proofs bind its fingerprint, which pins it to whoever holds
/// the shared secret.
/// </summary>
public static class IpcTlsCertificate
{
    /// <summary>The certificate file's name in the network data directory.</summary>
    public const string DefaultFileName = "ipc-tls.pfx";

    /// <summary>
    /// Loads the certificate (with its private key) from <paramref name="path"/>, first writing a new self-signed
    /// ECDSA P-256 one there (PKCS#12, mode 0600, valid ten years) when the file does not exist.
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            Create(path);
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }

    private static void Create(string path)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=bitcoin IPC", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        var bytes = certificate.Export(X509ContentType.Pkcs12);

        PrivateFile.WriteAtomically(path, bytes);
    }

    /// <summary>The certificate's SHA-256 fingerprint (over its DER encoding), which the authentication proofs bind.</summary>
    internal static byte[] Fingerprint(X509Certificate certificate) => SHA256.HashData(certificate.GetRawCertData());
}
