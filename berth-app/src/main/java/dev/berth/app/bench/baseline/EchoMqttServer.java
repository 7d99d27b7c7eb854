package dev.berth.app.bench.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The baseline's measuring stick: an MQTT 3.1.1 server over TLS made of Netty's stock parts (JDK TLS engine, stock MQTT
 * codec) and {@link EchoHandler}, which answers CONNECT, SUBSCRIBE and each PUBLISH with one PUBLISH. No store, no
 * authentication, no crypto beyond TLS. TLS is set up as Berth's listener: TLS 1.2/1.3, the same server certificate,
 * client certificates requested but not required (and not checked).
 */
public final class EchoMqttServer implements AutoCloseable {
    /** Names of the server's threads, so its CPU time can be told apart from the clients'. */
    public static final String THREAD_PREFIX = "bench-baseline";
    private static final int MAX_MESSAGE_BYTES = 128 * 1024;

    private final EventLoopGroup loops;
    private final Channel listener;

    private EchoMqttServer(EventLoopGroup loops, Channel listener) {
        this.loops = loops;
        this.listener = listener;
    }

    /** Listens on a free loopback port with the given certificate chain and key. */
    public static EchoMqttServer start(List<X509Certificate> chain, PrivateKey key) throws SSLException, InterruptedException {
        SslContext tls = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new)).sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2").clientAuth(ClientAuth.OPTIONAL)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        // as many event loops as Vert.x gives Berth's listener by default (2 x cores)
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2 * Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory(THREAD_PREFIX, true), NioIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()), new MqttDecoder(MAX_MESSAGE_BYTES),
                                    MqttEncoder.INSTANCE, new EchoHandler());
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            return new EchoMqttServer(loops, listener);
        } catch (RuntimeException | InterruptedException e) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
