package io.github.vcl.vipps.token;

/** Gets a new token from Vipps for a merchant serial number. */
@FunctionalInterface
public interface AccessTokenFetcher {

    AccessToken fetch(String merchantSerialNumber);
}
