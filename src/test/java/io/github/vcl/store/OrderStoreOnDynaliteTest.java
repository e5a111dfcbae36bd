package io.github.vcl.store;

import io.github.vcl.local.dynamodb.Dynalite;

import java.net.URI;

class OrderStoreOnDynaliteTest extends OrderStoreContract {
    @Override
    URI endpoint() {
        return Dynalite.shared().endpoint();
    }
}
