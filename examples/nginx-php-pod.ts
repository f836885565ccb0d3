// The Kubernetes "pod" case: nginx and php-fpm in one group, sharing a network
// namespace. nginx reaches php-fpm on 127.0.0.1:9000; only nginx's port is published.
import { App, Check, Driver, Group, Job, Port, Service, Task } from "nomadkit";

const app = new App({ name: "blog" });
const job = new Job(app, "blog", { datacenters: ["dc1"] });
const web = new Group(job, "web", { count: 2, network: { mode: "bridge" } });
const http = new Port(web, "http", { to: 80 });

new Task(web, "nginx", {
  driver: Driver.docker({
    image: "nginx:1.27-alpine",
    ports: [http],
    volumes: ["local/default.conf:/etc/nginx/conf.d/default.conf"],
  }),
  template: [
    {
      destination: "local/default.conf",
      changeMode: "signal",
      changeSignal: "SIGHUP",
      data: `server {
  listen 80;
  root /var/www/html;
  location ~ \\.php$ {
    fastcgi_pass 127.0.0.1:9000;
    include fastcgi_params;
    fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
  }
}
`,
    },
  ],
  resources: { cpu: 200, memory: 128 },
});

new Task(web, "php-fpm", {
  driver: Driver.docker({ image: "php:8.3-fpm-alpine" }),
  resources: { cpu: 300, memory: 256 },
});

new Service(web, "blog", {
  provider: "nomad",
  port: http,
  tags: ["web"],
  checks: [Check.http({ path: "/", interval: "10s", timeout: "2s" })],
});

export default app;
